module github.com/acme/meter

go 1.19
