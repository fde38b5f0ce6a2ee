module github.com/acme/aggregator

go 1.19
