module github.com/acme/tariffs

go 1.19
