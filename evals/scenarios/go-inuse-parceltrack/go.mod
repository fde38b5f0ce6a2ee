module github.com/acme/parceltrack

go 1.19
