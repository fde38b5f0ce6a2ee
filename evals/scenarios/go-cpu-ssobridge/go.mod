module github.com/acme/ssobridge

go 1.19
