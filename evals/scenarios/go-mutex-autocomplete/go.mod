module github.com/acme/autocomplete

go 1.19
