module github.com/acme/mqbridge

go 1.19
