module github.com/acme/slotting

go 1.19
