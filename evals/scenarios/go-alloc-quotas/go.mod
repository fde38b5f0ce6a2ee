module github.com/acme/quotas

go 1.19
