module github.com/google/pprof/internal/report/testdata/sample

go 1.9
