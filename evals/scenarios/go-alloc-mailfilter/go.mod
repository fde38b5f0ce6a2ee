module github.com/acme/mailfilter

go 1.19
