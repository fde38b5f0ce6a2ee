module github.com/acme/assets

go 1.19
