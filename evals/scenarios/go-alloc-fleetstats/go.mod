module github.com/acme/fleetstats

go 1.19
