module github.com/grafana/hosted-grafana

go 1.21

require (
	github.com/go-logr/logr v1.3.0
	github.com/prometheus/client_golang v1.17.0
	github.com/prometheus/common v0.45.0
	go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp v0.46.1
	go.opentelemetry.io/otel v1.21.0
	go.opentelemetry.io/otel/trace v1.21.0
	k8s.io/api v0.28.4
	k8s.io/apimachinery v0.28.4
	k8s.io/client-go v0.28.4
	sigs.k8s.io/controller-runtime v0.16.3
)
