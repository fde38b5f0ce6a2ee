module github.com/acme/quotefeed

go 1.19
