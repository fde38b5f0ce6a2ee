// Command apigw routes simulated API traffic.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/apigw/internal/gateway"
	"github.com/acme/apigw/internal/latency"
	"github.com/acme/apigw/internal/profiling"
)

var paths = []string{"/v1/orders/", "/v1/orders/search", "/v1/customers/", "/v1/catalog/items/",
	"/v1/catalog/search", "/v2/payments/", "/v2/payments/refunds/", "/v1/shipping/rates", "/healthz"}

func routes() []gateway.Route {
	strip := []string{"Cookie", "X-Debug", "X-Internal-Token"}
	var out []gateway.Route
	for _, p := range []string{"/v1/orders/", "/v1/customers/", "/v1/catalog/", "/v2/payments/", "/v1/shipping/", "/healthz"} {
		out = append(out, gateway.Route{Name: p, Prefix: p, Strip: strip,
			Upstream: []string{"10.0.1.11:8080", "10.0.1.12:8080", "10.0.1.13:8080"}})
	}
	return out
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 8, "concurrent connections")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	gw := &gateway.Gateway{Routes: routes(), Stats: latency.NewRecorder()}
	var handled int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				req := gateway.Request{Method: "GET", Path: paths[r.Intn(len(paths))] + fmt.Sprint(r.Intn(1e6)),
					Headers: map[string]string{"X-Client-Id": fmt.Sprintf("client-%d", r.Intn(300)), "Cookie": "sid=abc"}}
				upstream := time.Duration(2+r.ExpFloat64()*20) * time.Millisecond
				if _, err := gw.Handle(req, upstream); err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&handled, 1)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("handled %d requests on %d routes", handled, len(gw.Stats.Snapshot()))
}
