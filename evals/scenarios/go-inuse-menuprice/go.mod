module github.com/acme/menuprice

go 1.19
