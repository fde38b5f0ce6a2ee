module github.com/acme/workorders

go 1.19
