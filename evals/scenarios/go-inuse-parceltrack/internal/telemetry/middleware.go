package telemetry

import (
	"net/http"
	"time"
)

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Instrument wraps next so that every request's latency and status are recorded
// in reg under its endpoint, "METHOD /path".
func Instrument(reg *Registry, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, req)
		client := req.Header.Get("X-Client")
		if client == "" {
			client = "web"
		}
		reg.Observe(req.Method+" "+req.URL.Path, client, rec.status, time.Since(start))
	})
}
