// Package middleware holds the HTTP wrappers every partner endpoint runs behind.
package middleware

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/acme/partnerapi/internal/apikeys"
)

type ctxKey int

const (
	keyCtx ctxKey = iota
	requestIDCtx
)

var requestSeq uint64

// RequestID gives every request an ID, echoed in the X-Request-Id response header.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" {
			id = fmt.Sprintf("req-%08x", atomic.AddUint64(&requestSeq, 1))
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDCtx, id)))
	})
}

// Authenticate admits requests bearing a valid, unrevoked API key with the scope.
func Authenticate(store *apikeys.Store, scope string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		id, secret, ok := strings.Cut(token, ".")
		if !ok {
			http.Error(w, "missing API key", http.StatusUnauthorized)
			return
		}
		key, err := store.Verify(id, secret)
		if err != nil {
			http.Error(w, "invalid API key", http.StatusUnauthorized)
			return
		}
		if !hasScope(key.Scopes, scope) {
			http.Error(w, "scope not granted", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), keyCtx, key)))
	})
}

func hasScope(scopes []string, want string) bool {
	for _, s := range scopes {
		if s == want || s == "*" {
			return true
		}
	}
	return false
}

// KeyFrom returns the authenticated key of the request.
func KeyFrom(ctx context.Context) *apikeys.Key {
	k, _ := ctx.Value(keyCtx).(*apikeys.Key)
	return k
}

// AccessLog counts requests and their latency per status class.
type AccessLog struct {
	Requests [6]uint64
	Nanos    uint64
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Wrap records the request in the access log.
func (a *AccessLog) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		atomic.AddUint64(&a.Requests[rec.status/100], 1)
		atomic.AddUint64(&a.Nanos, uint64(time.Since(start)))
	})
}
