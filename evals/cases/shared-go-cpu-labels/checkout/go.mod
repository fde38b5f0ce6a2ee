module simple

go 1.18

require (
	github.com/pyroscope-io/client v0.2.4-0.20220607180407-0ba26860ce5b
	go.opentelemetry.io/otel v1.7.0
	go.opentelemetry.io/otel/sdk v1.7.0
	go.opentelemetry.io/otel/trace v1.7.0
)
