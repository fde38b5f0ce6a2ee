module github.com/acme/metricrelay

go 1.19
