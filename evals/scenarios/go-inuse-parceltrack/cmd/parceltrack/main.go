// Command parceltrack serves simulated tracking-page traffic.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/parceltrack/internal/carrier"
	"github.com/acme/parceltrack/internal/profiling"
	"github.com/acme/parceltrack/internal/telemetry"
	"github.com/acme/parceltrack/internal/tracking"
)

var depots = []string{"DUB1", "DUB2", "ORK1", "LIM1", "GWY1", "BFS1", "SNN1"}

// visitor plays tracking-page visitors: mostly a parcel's status, sometimes its
// full scan history; now and then a depot poller asks for its manifest.
func visitor(h http.Handler, r *rand.Rand, deadline time.Time, served *int64) {
	clients := []string{"web", "ios", "android", "email-link"}
	for time.Now().Before(deadline) {
		var path string
		switch n := r.Intn(20); {
		case n == 0:
			path = fmt.Sprintf("/v1/depots/%s/manifest?size=%d", depots[r.Intn(len(depots))], 20+r.Intn(80))
		case n < 6:
			path = fmt.Sprintf("/v1/parcels/PK%010d/scans", r.Int63n(1e10))
		default:
			path = fmt.Sprintf("/v1/parcels/PK%010d", r.Int63n(1e10))
		}
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("X-Client", clients[r.Intn(len(clients))])
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		io.Copy(io.Discard, w.Body)
		atomic.AddInt64(served, 1)
	}
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	visitors := flag.Int("visitors", 8, "concurrent visitors")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	feed := &carrier.Feed{Epoch: time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)}
	api := &tracking.API{Feed: feed}
	reg := telemetry.NewRegistry(telemetry.DefaultBounds)
	handler := telemetry.Instrument(reg, api.Routes())

	deadline := time.Now().Add(*dur)
	var served int64
	var wg sync.WaitGroup
	for v := 0; v < *visitors; v++ {
		wg.Add(1)
		go func(v int) {
			defer wg.Done()
			visitor(handler, rand.New(rand.NewSource(int64(v)+7)), deadline, &served)
		}(v)
	}
	// the metrics scraper reads the busiest endpoints every second
	stop := make(chan struct{})
	scraped := make(chan int)
	go func() {
		n := 0
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				_ = reg.Snapshot(20)
				n++
			case <-stop:
				scraped <- n
				return
			}
		}
	}()
	wg.Wait()
	close(stop)
	scrapes := <-scraped
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d requests, %d latency series, %d scrapes", served, reg.Len(), scrapes)
}
