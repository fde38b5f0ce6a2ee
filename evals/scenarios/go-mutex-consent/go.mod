module github.com/acme/consent

go 1.19
