module github.com/acme/refunds

go 1.19
