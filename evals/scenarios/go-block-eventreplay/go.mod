module github.com/acme/eventreplay

go 1.19
