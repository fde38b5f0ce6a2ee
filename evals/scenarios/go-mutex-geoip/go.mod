module github.com/acme/geoip

go 1.19
