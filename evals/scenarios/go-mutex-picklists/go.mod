module github.com/acme/picklists

go 1.19
