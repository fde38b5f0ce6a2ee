module github.com/acme/tokenbroker

go 1.19
