module github.com/acme/underwriting

go 1.19
