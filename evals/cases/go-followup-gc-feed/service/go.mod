module github.com/acme/warehouse

go 1.19
