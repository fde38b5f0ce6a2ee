module github.com/acme/runnerpool

go 1.19
