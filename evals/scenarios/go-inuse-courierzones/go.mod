module github.com/acme/courierzones

go 1.19
