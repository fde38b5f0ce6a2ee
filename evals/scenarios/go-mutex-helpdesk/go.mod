module github.com/acme/helpdesk

go 1.19
