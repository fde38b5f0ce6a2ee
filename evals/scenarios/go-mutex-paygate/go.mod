module github.com/acme/paygate

go 1.19
