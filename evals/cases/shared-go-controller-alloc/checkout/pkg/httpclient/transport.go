// Package httpclient builds the HTTP clients of the controller: every request to the
// Kubernetes API, Prometheus and the Hosted Grafana API goes through the same instrumented
// transport (a user agent, request metrics, a span per request).
package httpclient

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// UserAgent is sent with every request of the controller.
const UserAgent = "hosted-grafana-controller"

// RoundTripperFunc lets a function be an http.RoundTripper.
type RoundTripperFunc func(*http.Request) (*http.Response, error)

// RoundTrip calls f.
func (f RoundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// UserAgentTransport sets the controller's User-Agent on requests that have none. The
// request is cloned first: a RoundTripper must not change the request it was given.
//
// It is the innermost wrapper of the chain WrapTransport builds, right above the transport
// that authenticates (a bearer token for the Kubernetes API). Clients that set their own
// user agent (client-go does, with its version) keep it; the others get the controller's,
// which the API servers' audit logs show.
func UserAgentTransport(rt http.RoundTripper) http.RoundTripper {
	return RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if req.Header.Get("User-Agent") == "" {
			req = withUserAgent(req)
		}
		return rt.RoundTrip(req)
	})
}

func withUserAgent(req *http.Request) *http.Request {
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", UserAgent)
	return req
}

var (
	requestDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "hosted_grafana_controller",
		Name:      "http_client_request_duration_seconds",
		Help:      "Time spent on HTTP requests of the controller, by client, method and code.",
		Buckets:   prometheus.DefBuckets,
	}, []string{"client", "method", "code"})

	requestsTotal = promauto.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hosted_grafana_controller",
		Name:      "http_client_requests_total",
		Help:      "HTTP requests of the controller, by client, method and code.",
	}, []string{"client", "method", "code"})

	requestsInFlight = promauto.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: "hosted_grafana_controller",
		Name:      "http_client_requests_in_flight",
		Help:      "HTTP requests of the controller waiting for a response, by client.",
	}, []string{"client"})

	// The phases of a request (DNS, connect, TLS, first byte), from its httptrace hooks.
	tracePhaseDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "hosted_grafana_controller",
		Name:      "http_client_trace_phase_duration_seconds",
		Help:      "Time spent in each phase of the controller's HTTP requests.",
		Buckets:   []float64{0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1},
	}, []string{"client", "phase"})
)

// instrumentedTransport records a span per request and propagates the trace context to
// the server; the request metrics are taken by the layers below it (WrapTransport).
type instrumentedTransport struct {
	next       http.RoundTripper
	tracer     trace.Tracer
	propagator propagation.TextMapPropagator
	name       string // the client's name in span names: kubernetes, prometheus, hgapi
}

// NewInstrumentedTransport wraps base with spans, request metrics and the user agent.
func NewInstrumentedTransport(name string, base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &instrumentedTransport{
		next:       WrapTransport(name, base),
		tracer:     otel.Tracer("github.com/grafana/hosted-grafana/pkg/httpclient"),
		propagator: otel.GetTextMapPropagator(),
		name:       name,
	}
}

// statusCode is the code label of a request's metrics ("error" when it failed).
func statusCode(resp *http.Response, err error) string {
	if err != nil {
		return "error"
	}
	return strconv.Itoa(resp.StatusCode)
}

// since is how long ago start was, in seconds: the unit of every histogram here.
func since(start time.Time) float64 {
	return time.Since(start).Seconds()
}

// spanName names a request's span after the client and the request's method: the URL
// would make too many distinct names.
func (t *instrumentedTransport) spanName(req *http.Request) string {
	return t.name + " " + req.Method
}

// spanAttributes are the attributes every request's span carries.
func spanAttributes(req *http.Request) []attribute.KeyValue {
	return []attribute.KeyValue{
		attribute.String("http.method", req.Method),
		attribute.String("http.url", req.URL.Redacted()),
		attribute.String("net.peer.name", req.URL.Hostname()),
	}
}

// endSpan records the outcome of a request on its span.
func endSpan(span trace.Span, resp *http.Response, err error) {
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
		return
	}
	span.SetAttributes(attribute.Int("http.status_code", resp.StatusCode))
	if resp.StatusCode >= 500 {
		span.SetStatus(codes.Error, http.StatusText(resp.StatusCode))
	}
}

// RoundTrip sends the request in a span of its own, with the trace context in its headers.
//
// Every request of the controller comes through here: a list of all deployments per full
// reconcile, a get and a Prometheus query per instance, the watches of the informers. Each
// one starts and ends a span (the SDK snapshots the span when it ends) and each layer of
// WrapTransport adds its metric observations.
func (t *instrumentedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, span := t.tracer.Start(req.Context(), t.spanName(req),
		trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(spanAttributes(req)...),
	)
	req = req.Clone(ctx)
	t.propagator.Inject(ctx, propagation.HeaderCarrier(req.Header))

	// The layers below add the user agent and authenticate; the request metrics were
	// taken above. Whatever they allocate per request (label sets, the cloned request and
	// its headers) is allocated again on every call: nothing here is pooled.
	//
	// A request that fails before the response is recorded as an error span, with the
	// error; a response of status 500 or more is an error span too.
	//
	// The transports are safe for concurrent use: the controller's workers share one
	// client per target.
	//
	// Redirects are followed by the http.Client, one RoundTrip call (and span) each.
	//
	// The span is ended once the response headers are in, not when the body has been read:
	// the body's time is the caller's, and a watch would keep its span open for as long as
	// the watch lasts. The caller closes the body; a body left unread keeps its connection
	// out of the pool, which the in-flight gauge above would show.
	//
	resp, err := t.next.RoundTrip(req)
	endSpan(span, resp, err)
	if err != nil {
		// The caller sees the error as returned: retries are the client-go's, and each
		// retry is a request (and span) of its own.
		span.End()
		return nil, err
	}
	// The span ends here, before the body is read: the SDK copies the span's attributes,
	// events and links into a read-only snapshot for the exporter.
	span.End()
	return resp, nil
}
