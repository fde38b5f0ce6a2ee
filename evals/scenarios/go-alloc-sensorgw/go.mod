module github.com/acme/sensorgw

go 1.19
