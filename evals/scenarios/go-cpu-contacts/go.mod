module github.com/acme/contacts

go 1.19
