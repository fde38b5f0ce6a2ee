module github.com/acme/claimphotos

go 1.19
