module github.com/grafana/enterprise-logs

go 1.18

require (
	github.com/go-kit/log v0.2.1
	github.com/grafana/dskit v0.0.0-20220708141012-99f3d0043c17
	github.com/grafana/loki v1.6.2-0.20220727132408-ae8ad4a3b2f5
	github.com/pkg/errors v0.9.1
	github.com/prometheus/client_golang v1.12.2
	github.com/prometheus/common v0.37.0
	github.com/prometheus/prometheus v1.8.2-0.20220303173753-edfe657b5405
	google.golang.org/grpc v1.47.0
)
