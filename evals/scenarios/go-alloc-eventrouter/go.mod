module github.com/acme/eventrouter

go 1.19
