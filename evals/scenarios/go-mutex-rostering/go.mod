module github.com/acme/rostering

go 1.19
