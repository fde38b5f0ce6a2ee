module github.com/acme/landedcost

go 1.19
