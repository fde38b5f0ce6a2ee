module github.com/acme/labelprint

go 1.19
