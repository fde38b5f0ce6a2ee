// Command kyc replays simulated sign-ups through the onboarding checks.
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

	"github.com/acme/kyc/internal/idprovider"
	"github.com/acme/kyc/internal/profiling"
	"github.com/acme/kyc/internal/verify"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	handlers := flag.Int("handlers", 32, "concurrent sign-up requests")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetBlockProfileRate(1)
	}

	v := verify.New(&idprovider.Client{Latency: 40 * time.Millisecond}, []string{"Ivan Petrov", "John Doe Sanctioned"})
	deadline := time.Now().Add(*dur)
	var checked, approved int64
	var wg sync.WaitGroup
	for h := 0; h < *handlers; h++ {
		wg.Add(1)
		go func(h int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(h)))
			doc := make([]byte, 4096)
			for time.Now().Before(deadline) {
				r.Read(doc)
				app := verify.Application{Name: fmt.Sprintf("Customer %d-%d", h, r.Intn(1e6)), Country: "DE", Document: doc}
				d, err := v.Check(app)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&checked, 1)
				if d.Approved {
					atomic.AddInt64(&approved, 1)
				}
			}
		}(h)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "block"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d sign-ups checked, %d approved", checked, approved)
}
