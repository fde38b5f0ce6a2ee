module github.com/acme/partnerapi

go 1.19
