module github.com/acme/thumbs

go 1.19
