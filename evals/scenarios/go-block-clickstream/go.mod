module github.com/acme/clickstream

go 1.19
