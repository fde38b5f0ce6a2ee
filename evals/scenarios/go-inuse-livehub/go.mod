module github.com/acme/livehub

go 1.19
