module github.com/acme/authholds

go 1.19
