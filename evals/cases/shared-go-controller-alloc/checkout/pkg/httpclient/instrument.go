package httpclient

import (
	"crypto/tls"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// instrumentRoundTripperDuration observes each request's duration, by method and code.
func instrumentRoundTripperDuration(name string, next http.RoundTripper) promhttp.RoundTripperFunc {
	return func(r *http.Request) (*http.Response, error) {
		start := time.Now()
		resp, err := next.RoundTrip(r)
		requestDuration.WithLabelValues(name, r.Method, statusCode(resp, err)).Observe(since(start))
		return resp, err
	}
}

// WrapTransport builds the chain of layers every request of a client goes through, from
// the outside in:
//
//   - the requests in flight (a gauge per client),
//   - the request counter, by method and code,
//   - the durations of the request's phases (httptrace hooks),
//   - the request's duration,
//   - otelhttp's client span and its propagation,
//   - the user agent,
//
// then base, which authenticates and sends. Each layer is a promhttp.RoundTripperFunc, so
// each one is a closure around the next: a request goes through all of them, and every
// layer that observes a metric looks up its label values for each request.
//
// The chain is built once per client (the Kubernetes API, Prometheus, the Hosted Grafana
// API) when the controller starts; the clients are shared by every worker of the
// controller, which is why every layer keeps no state of its own between requests (the
// label values are looked up again on every request).
func WrapTransport(name string, base http.RoundTripper) http.RoundTripper {
	var rt http.RoundTripper = UserAgentTransport(base)
	rt = otelhttp.NewTransport(rt)
	rt = instrumentRoundTripperDuration(name, rt)
	rt = instrumentRoundTripperTrace(name, rt)
	rt = promhttp.InstrumentRoundTripperCounter(requestsTotal.MustCurryWith(prometheus.Labels{"client": name}), rt)
	return promhttp.InstrumentRoundTripperInFlight(requestsInFlight.WithLabelValues(name), rt)
}

// instrumentRoundTripperTrace observes the phases of each request: DNS lookup, connect,
// TLS handshake, the wait for a connection of the pool, writing the request and the wait
// for the first byte of the response. Each phase is a histogram of its own, by client.
//
// The hooks are set per request, on the request's context (httptrace.WithClientTrace):
// a request that reuses a pooled connection only sees the got-connection, wrote-request
// and first-byte hooks.
func instrumentRoundTripperTrace(name string, next http.RoundTripper) promhttp.RoundTripperFunc {
	return func(r *http.Request) (*http.Response, error) {
		observe := func(phase string, start time.Time) {
			tracePhaseDuration.WithLabelValues(name, phase).Observe(since(start))
		}
		var dnsStart, connectStart, tlsStart, getConnStart time.Time
		start := time.Now()
		trace := &httptrace.ClientTrace{
			GetConn: func(string) {
				getConnStart = time.Now()
			},
			GotConn: func(info httptrace.GotConnInfo) {
				if info.Reused {
					observe("reused_conn", getConnStart)
					return
				}
				observe("got_conn", getConnStart)
			},
			DNSStart: func(httptrace.DNSStartInfo) {
				dnsStart = time.Now()
			},
			DNSDone: func(info httptrace.DNSDoneInfo) {
				if info.Err != nil {
					observe("dns_error", dnsStart)
					return
				}
				observe("dns", dnsStart)
			},
			ConnectStart: func(string, string) {
				connectStart = time.Now()
			},
			ConnectDone: func(_, _ string, err error) {
				if err != nil {
					observe("connect_error", connectStart)
					return
				}
				observe("connect", connectStart)
			},
			TLSHandshakeStart: func() {
				tlsStart = time.Now()
			},
			TLSHandshakeDone: func(_ tls.ConnectionState, err error) {
				if err != nil {
					observe("tls_error", tlsStart)
					return
				}
				observe("tls", tlsStart)
			},
			WroteHeaders: func() {
				observe("wrote_headers", start)
			},
			Wait100Continue: func() {
				observe("wait_100_continue", start)
			},
			WroteRequest: func(info httptrace.WroteRequestInfo) {
				if info.Err != nil {
					observe("write_error", start)
					return
				}
				observe("wrote_request", start)
			},
			PutIdleConn: func(err error) {
				// A connection that could not go back to the pool (the pool is full, or
				// the response was not read to the end) is closed.
				if err != nil {
					observe("put_idle_conn_error", start)
				}
			},
			Got1xxResponse: func(code int, _ textproto.MIMEHeader) error {
				observe("got_1xx", start)
				return nil
			},
			GotFirstResponseByte: func() {
				observe("first_byte", start)
			},
			Got100Continue: func() {
				observe("got_100_continue", start)
			},
		}
		// The trace is a value of the request's context: the client's transport reads the
		// hooks from there. A context that already has a trace (otelhttp's, further in)
		// gets both, composed.
		return next.RoundTrip(r.WithContext(httptrace.WithClientTrace(r.Context(), trace)))
	}
}
