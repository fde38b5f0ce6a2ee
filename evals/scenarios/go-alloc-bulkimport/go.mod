module github.com/acme/bulkimport

go 1.19
