module github.com/acme/devicepush

go 1.19
