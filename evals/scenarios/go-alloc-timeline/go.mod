module github.com/acme/timeline

go 1.19
