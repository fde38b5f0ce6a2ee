// Command underwriting serves simulated home-insurance quote requests.
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

	"github.com/acme/underwriting/internal/carriers"
	"github.com/acme/underwriting/internal/profiling"
	"github.com/acme/underwriting/internal/quote"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	handlers := flag.Int("handlers", 16, "concurrent quote requests")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetBlockProfileRate(1)
	}

	broker := &quote.Broker{Partners: carriers.Partners()}
	var quotes, offers, declined int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for h := 0; h < *handlers; h++ {
		wg.Add(1)
		go func(h int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(h)))
			for time.Now().Before(deadline) {
				app := carriers.Application{
					Postcode: fmt.Sprintf("%05d", 10000+r.Intn(89999)), BuildYear: 1900 + r.Intn(125),
					LivingSpace: 40 + r.Intn(200), SumInsured: 100000 + r.Intn(900000), Deductible: 250 * r.Intn(5),
					PriorClaims: r.Intn(3), FloodZone: r.Intn(4), Construction: "masonry",
				}
				res, err := broker.Quote(app)
				if err != nil {
					atomic.AddInt64(&declined, 1)
					continue
				}
				atomic.AddInt64(&quotes, 1)
				atomic.AddInt64(&offers, int64(len(res.Offers)))
			}
		}(h)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "block"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d quotes (%d with no offer), %d offers", quotes, declined, offers)
}
