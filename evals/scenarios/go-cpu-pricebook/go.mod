module github.com/acme/pricebook

go 1.19
