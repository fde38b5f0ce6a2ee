// Command tokenbroker signs simulated outgoing API calls.
package main

import (
	"flag"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/tokenbroker/internal/audiences"
	"github.com/acme/tokenbroker/internal/idp"
	"github.com/acme/tokenbroker/internal/outbound"
	"github.com/acme/tokenbroker/internal/profiling"
	"github.com/acme/tokenbroker/internal/tokencache"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	callers := flag.Int("callers", 16, "concurrent outgoing callers")
	ttl := flag.Duration("ttl", 120*time.Millisecond, "token lifetime granted by the identity provider")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	cache := &tokencache.Cache{IDP: &idp.Client{ClientID: "svc-checkout", TTL: *ttl, Latency: 8 * time.Millisecond}, Margin: 30 * time.Millisecond}
	s := &outbound.Signer{Cache: cache}
	deadline := time.Now().Add(*dur)
	var calls int64
	var wg sync.WaitGroup
	for c := 0; c < *callers; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(c)))
			for time.Now().Before(deadline) {
				aud := audiences.Default[r.Intn(len(audiences.Default))]
				if _, err := s.Sign(aud, "GET", "/v1/items"); err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&calls, 1)
				time.Sleep(time.Duration(200+r.Intn(300)) * time.Microsecond)
			}
		}(c)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d calls signed, %d token fetches", calls, cache.Fetches)
}
