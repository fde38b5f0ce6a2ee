module github.com/acme/syslogfwd

go 1.19
