module github.com/acme/timesheets

go 1.19
