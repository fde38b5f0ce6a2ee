module github.com/acme/edigateway

go 1.19
