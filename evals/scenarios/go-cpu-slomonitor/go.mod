module github.com/acme/slomonitor

go 1.19
