module github.com/acme/adserve

go 1.19
