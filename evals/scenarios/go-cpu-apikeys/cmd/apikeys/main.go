// Command apikeys authenticates simulated partner API traffic.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/apikeys/internal/authn"
	"github.com/acme/apikeys/internal/keystore"
	"github.com/acme/apikeys/internal/profiling"
	"github.com/acme/apikeys/internal/quota"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent partner connections")
	partners := flag.Int("partners", 50, "partners with issued keys")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	store := keystore.New()
	var keys []string
	for i := 0; i < *partners; i++ {
		k, err := store.Issue(fmt.Sprintf("partner-%03d", i), []string{"orders:read", "orders:write"})
		if err != nil {
			log.Fatal(err)
		}
		keys = append(keys, k)
	}
	v := &authn.Verifier{Store: store}
	lim := &quota.Limiter{Limit: 1 << 30, Window: time.Minute}

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var allowed, rejected int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				key := keys[r.Intn(len(keys))]
				if r.Intn(50) == 0 {
					key = key[:len(key)-1] + "0"
				}
				p, err := v.Authenticate("Bearer " + key)
				if err != nil || !lim.Allow(p.Partner, time.Now()) {
					atomic.AddInt64(&rejected, 1)
					continue
				}
				atomic.AddInt64(&allowed, 1)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("allowed %d requests, rejected %d", allowed, rejected)
}
