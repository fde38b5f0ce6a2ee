// Command refunds serves simulated refund traffic.
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

	"github.com/acme/refunds/internal/audit"
	"github.com/acme/refunds/internal/ledger"
	"github.com/acme/refunds/internal/profiling"
	"github.com/acme/refunds/internal/refund"
)

var reasons = []string{"duplicate", "fraudulent", "requested_by_customer", "damaged in transit", "late delivery"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	clients := flag.Int("clients", 8, "concurrent support agents")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	col, err := audit.StartCollector()
	if err != nil {
		log.Fatal(err)
	}
	defer col.Close()

	l := ledger.New()
	const charges = 5000
	for i := 0; i < charges; i++ {
		l.Add(ledger.Charge{ID: fmt.Sprintf("ch_%05d", i), Customer: fmt.Sprintf("cus_%04d", i%900),
			Currency: []string{"EUR", "USD", "GBP"}[i%3], Amount: int64(1000 + i*7%90000)})
	}
	ac := &audit.Client{Addr: col.Addr(), DialTimeout: time.Second}
	svc := &refund.Service{Ledger: l, Audit: ac, MaxRatio: 1.0, Now: time.Now}

	deadline := time.Now().Add(*dur)
	var processed, approved int64
	var wg sync.WaitGroup
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(c)))
			for time.Now().Before(deadline) {
				req := refund.Request{
					ChargeID: fmt.Sprintf("ch_%05d", r.Intn(charges+200)),
					Amount:   int64(100 + r.Intn(3000)),
					Reason:   reasons[r.Intn(len(reasons))],
				}
				if svc.Process(req).Approved {
					atomic.AddInt64(&approved, 1)
				}
				atomic.AddInt64(&processed, 1)
				time.Sleep(2 * time.Millisecond)
			}
		}(c)
	}
	wg.Wait()
	time.Sleep(200 * time.Millisecond)
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "goroutine"); err != nil {
			log.Fatal(err)
		}
	}
	sent, failed := ac.Stats()
	log.Printf("%d refunds, %d approved, audit sent %d failed %d, %d goroutines",
		processed, approved, sent, failed, runtime.NumGoroutine())
}
