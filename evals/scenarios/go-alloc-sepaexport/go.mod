module github.com/acme/sepaexport

go 1.19
