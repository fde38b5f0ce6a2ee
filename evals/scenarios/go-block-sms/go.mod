module github.com/acme/sms

go 1.19
