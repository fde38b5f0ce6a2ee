module github.com/acme/audience

go 1.19
