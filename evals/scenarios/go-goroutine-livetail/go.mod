module github.com/acme/livetail

go 1.19
