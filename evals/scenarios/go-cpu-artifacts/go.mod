module github.com/acme/artifacts

go 1.19
