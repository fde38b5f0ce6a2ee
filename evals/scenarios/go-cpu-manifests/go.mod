module github.com/acme/manifests

go 1.19
