module github.com/acme/heatpumps

go 1.19
