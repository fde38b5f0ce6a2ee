module github.com/acme/spareparts

go 1.19
