module github.com/acme/push

go 1.19
