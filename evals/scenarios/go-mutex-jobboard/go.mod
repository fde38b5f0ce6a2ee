module github.com/acme/jobboard

go 1.19
