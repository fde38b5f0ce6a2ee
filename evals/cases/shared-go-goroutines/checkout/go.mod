module example

go 1.20

require github.com/pyroscope-io/client v0.7.2
