module github.com/acme/introspect

go 1.19
