module github.com/acme/ratelimiter

go 1.19
