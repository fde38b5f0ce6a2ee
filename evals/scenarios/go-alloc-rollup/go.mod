module github.com/acme/rollup

go 1.19
