module github.com/acme/chatgw

go 1.19
