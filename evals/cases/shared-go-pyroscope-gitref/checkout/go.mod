module github.com/grafana/pyroscope

go 1.21

require (
	github.com/cespare/xxhash/v2 v2.2.0
	github.com/prometheus/client_golang v1.18.0
	go.uber.org/atomic v1.11.0
)
