module github.com/acme/dialplan

go 1.19
