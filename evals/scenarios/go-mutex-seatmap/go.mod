module github.com/acme/seatmap

go 1.19
