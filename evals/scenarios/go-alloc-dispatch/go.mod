module github.com/acme/dispatch

go 1.19
