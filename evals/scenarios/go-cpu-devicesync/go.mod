module github.com/acme/devicesync

go 1.19
