module github.com/acme/loyaltypoints

go 1.19
