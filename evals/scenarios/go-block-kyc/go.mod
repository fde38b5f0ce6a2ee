module github.com/acme/kyc

go 1.19
