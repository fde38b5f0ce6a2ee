module github.com/acme/permissions

go 1.19
