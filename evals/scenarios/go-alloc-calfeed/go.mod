module github.com/acme/calfeed

go 1.19
