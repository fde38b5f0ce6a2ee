// Command slomonitor replays a synthetic probe stream through the SLO monitor.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/slomonitor/internal/monitor"
	"github.com/acme/slomonitor/internal/probe"
	"github.com/acme/slomonitor/internal/profiling"
	"github.com/acme/slomonitor/internal/slo"
)

var regions = []string{"eu-west", "eu-central", "us-east", "us-west", "ap-south"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to replay probe results")
	workers := flag.Int("workers", 4, "concurrent probe result streams")
	targets := flag.Int("targets", 300, "monitored targets")
	window := flag.Int("window", 8640, "checks kept per target (30 days of 5-minute checks)")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	obj := &slo.Objective{Name: "availability", Target: 0.999, Threshold: 800 * time.Millisecond, FastBurn: 14.4, SlowBurn: 3}
	mon := monitor.New(obj, *window)
	names := make([]string, *targets)
	for i := range names {
		names[i] = fmt.Sprintf("https://svc-%03d.internal.example/healthz", i)
	}
	var pages, tickets int64
	go func() {
		for a := range mon.Alerts() {
			switch a.Status.Severity {
			case slo.Page:
				atomic.AddInt64(&pages, 1)
			case slo.Ticket:
				atomic.AddInt64(&tickets, 1)
			}
		}
	}()

	var stopCPU func() error
	var err error
	if *profileDir != "" {
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var results int64
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 11))
			for i := 0; time.Now().Before(deadline); i++ {
				t := r.Intn(len(names))
				res := probe.Result{Target: names[t], Region: regions[r.Intn(len(regions))], OK: true, Status: 200,
					Latency: time.Duration(40+r.ExpFloat64()*120) * time.Millisecond,
					At:      start.Add(time.Duration(i) * 5 * time.Minute / time.Duration(len(names)))}
				if t%37 == 0 && r.Intn(50) == 0 { // a few flaky targets
					res.OK, res.Status = false, 503
				}
				mon.Record(&res)
				atomic.AddInt64(&results, 1)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("recorded %d results for %d targets, %d pages, %d tickets",
		results, mon.Targets(), atomic.LoadInt64(&pages), atomic.LoadInt64(&tickets))
}
