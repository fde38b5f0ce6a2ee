module github.com/acme/tolling

go 1.19
