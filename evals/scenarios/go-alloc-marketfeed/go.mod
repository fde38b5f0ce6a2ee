module github.com/acme/marketfeed

go 1.19
