module github.com/acme/apigw

go 1.19
