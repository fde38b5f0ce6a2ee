// Command tolling replays simulated gantry passages through pricing and card charging.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/tolling/internal/acquirer"
	"github.com/acme/tolling/internal/profiling"
	"github.com/acme/tolling/internal/tolling"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 8, "passage processing workers")
	busy := flag.Int("busy", 30, "percent of authorisations the acquirer asks to retry")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	tariff := &tolling.Tariff{
		Section: "A13-Delft-Zuid", Currency: "EUR", Merchant: "NL-TOLL-000417",
		BaseCts:  map[tolling.Class]int64{tolling.Car: 270, tolling.Van: 410, tolling.Truck2Axle: 860, tolling.Truck4Axle: 1490, tolling.Motorcycle: 130},
		PeakFrom: 7, PeakTo: 10, PeakPct: 25, NightPct: 20,
	}
	client := acquirer.NewClient(acquirer.NewHost(3, *busy))
	deadline := time.Now().Add(*dur)
	var charged, declined, attempts, cents int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				p := tolling.Passage{
					Plate:   fmt.Sprintf("%02d-%c%c%c-%d", r.Intn(100), 'A'+r.Intn(26), 'A'+r.Intn(26), 'A'+r.Intn(26), r.Intn(10)),
					Gantry:  fmt.Sprintf("G%03d", 1+r.Intn(40)),
					Class:   tolling.Class(1 + r.Intn(5)),
					At:      time.Date(2026, 1, 14, r.Intn(24), r.Intn(60), r.Intn(60), 0, time.UTC),
					Account: fmt.Sprintf("acct-%07d", r.Intn(2e6)),
					Token:   fmt.Sprintf("tok_%016x", r.Uint64()),
				}
				amount, err := tariff.Price(p)
				if err != nil {
					log.Fatal(err)
				}
				res, err := client.Authorize(acquirer.Charge{
					Reference: tolling.Reference(p), CardToken: p.Token, AmountCts: amount,
					Currency: tariff.Currency, Merchant: tariff.Merchant,
				})
				atomic.AddInt64(&attempts, int64(res.Attempts))
				switch {
				case err == nil:
					atomic.AddInt64(&charged, 1)
					atomic.AddInt64(&cents, amount)
				case errors.Is(err, acquirer.ErrDeclined), errors.Is(err, acquirer.ErrThrottled):
					atomic.AddInt64(&declined, 1)
				default:
					log.Fatal(err)
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d passages charged (%d cents), %d not charged, %d acquirer attempts", charged, cents, declined, attempts)
}
