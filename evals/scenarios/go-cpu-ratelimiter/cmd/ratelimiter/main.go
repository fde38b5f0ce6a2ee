// Command ratelimiter admits simulated API traffic.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/ratelimiter/internal/config"
	"github.com/acme/ratelimiter/internal/limiter"
	"github.com/acme/ratelimiter/internal/profiling"
)

// staticStore serves one configuration document, as the store does between operator changes.
type staticStore struct{ doc []byte }

func (s staticStore) Get() ([]byte, error) { return s.doc, nil }

var methods = []string{"GET", "GET", "GET", "POST", "PUT", "DELETE"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent request handlers")
	tenants := flag.Int("tenants", 1500, "tenants with their own limits")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	doc, names, routes := generate(*tenants)
	w, err := config.NewWatcher(staticStore{doc})
	if err != nil {
		log.Fatal(err)
	}
	stop := make(chan struct{})
	go w.Poll(500*time.Millisecond, stop)
	l := &limiter.Limiter{Source: w}

	var stopCPU func() error
	if *profileDir != "" {
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var allowed, rejected int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(i)))
			for time.Now().Before(deadline) {
				if l.Allow(names[r.Intn(len(names))], routes[r.Intn(len(routes))], methods[r.Intn(len(methods))], time.Now()) {
					atomic.AddInt64(&allowed, 1)
				} else {
					atomic.AddInt64(&rejected, 1)
				}
			}
		}(i)
	}
	wg.Wait()
	close(stop)
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d allowed, %d rejected", allowed, rejected)
}

// generate returns a configuration document for n tenants, the tenant names and the routes.
func generate(n int) ([]byte, []string, []string) {
	r := rand.New(rand.NewSource(42))
	routes := []string{"/v1/orders", "/v1/orders/{id}", "/v1/customers", "/v1/invoices", "/v1/search", "/v1/exports", "/v1/webhooks"}
	l := config.Limits{
		Version: "2026-01-14.3",
		Default: config.Rule{PerSecond: 10, Burst: 20},
		Tenants: map[string]config.Rule{},
		Routes:  map[string]config.Rule{},
	}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("tenant-%05d", i)
		l.Tenants[names[i]] = config.Rule{
			PerSecond: float64(5 + r.Intn(200)), Burst: 10 + r.Intn(400),
			Tags:    []string{"plan:" + []string{"free", "team", "business", "enterprise"}[r.Intn(4)], fmt.Sprintf("region:%d", r.Intn(6))},
			Weights: map[string]float64{"POST": 2, "PUT": 2, "DELETE": 3},
		}
		if r.Intn(50) == 0 {
			l.Blocked = append(l.Blocked, names[i])
		}
		if r.Intn(80) == 0 {
			l.Exempt = append(l.Exempt, names[i])
		}
	}
	for _, rt := range routes {
		l.Routes[rt] = config.Rule{PerSecond: float64(50 + r.Intn(500)), Burst: 100}
	}
	l.Routes["/v1/exports"] = config.Rule{PerSecond: 1, Burst: 2}
	doc, err := json.Marshal(&l)
	if err != nil {
		log.Fatal(err)
	}
	return doc, names, routes
}
