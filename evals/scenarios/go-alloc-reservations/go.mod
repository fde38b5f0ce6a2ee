module github.com/acme/reservations

go 1.19
