module github.com/acme/featurestore

go 1.19
