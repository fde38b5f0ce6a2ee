// Command paygate runs the authorisation gateway against simulated checkout traffic.
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

	"github.com/acme/paygate/internal/cards"
	"github.com/acme/paygate/internal/gateway"
	"github.com/acme/paygate/internal/metrics"
	"github.com/acme/paygate/internal/profiling"
)

var prefixes = []string{"400011", "411111", "453201", "510510", "555544", "371449", "601100", "492989"}
var currencies = []string{"GBP", "GBP", "EUR", "EUR", "USD", "SEK"}
var countries = []string{"GB", "GB", "IE", "DE", "FR", "NL", "US"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 16, "concurrent checkout connections")
	merchants := flag.Int("merchants", 25, "merchants sending traffic")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	cardPool := make([]string, 500)
	cr := rand.New(rand.NewSource(5))
	for i := range cardPool {
		p := prefixes[cr.Intn(len(prefixes))]
		partial := p + fmt.Sprintf("%09d", cr.Intn(1000000000))
		cardPool[i] = cards.WithCheckDigit(partial)
	}
	g := &gateway.Gateway{Metrics: metrics.Default}
	deadline := time.Now().Add(*dur)
	var total, approved int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w + 1)))
			for time.Now().Before(deadline) {
				req := &gateway.Request{
					Merchant:    fmt.Sprintf("m-%02d", r.Intn(*merchants)),
					CardNumber:  cardPool[r.Intn(len(cardPool))],
					AmountCents: int64(100 + r.Intn(80000)),
					Currency:    currencies[r.Intn(len(currencies))],
					Country:     countries[r.Intn(len(countries))],
					IPCountry:   countries[r.Intn(len(countries))],
					Attempts24h: r.Intn(8),
				}
				if r.Intn(50) == 0 {
					req.CardNumber = req.CardNumber[:15] + "x"
				}
				if g.Authorize(req).Approved {
					atomic.AddInt64(&approved, 1)
				}
				atomic.AddInt64(&total, 1)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d authorisations, %d approved, %d metric series", total, approved, len(metrics.Default.Snapshot()))
}
