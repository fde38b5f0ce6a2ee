module github.com/acme/dunning

go 1.19
