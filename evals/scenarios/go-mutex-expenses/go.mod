module github.com/acme/expenses

go 1.19
