module github.com/acme/presence

go 1.19
