module github.com/acme/chathistory

go 1.19
