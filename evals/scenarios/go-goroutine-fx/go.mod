module github.com/acme/fx

go 1.19
