module github.com/acme/tilecache

go 1.19
