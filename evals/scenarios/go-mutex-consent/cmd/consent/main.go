// Command consent replays simulated consent changes and queries.
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

	"github.com/acme/consent/internal/consent"
	"github.com/acme/consent/internal/journal"
	"github.com/acme/consent/internal/profiling"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 8, "concurrent API requests")
	path := flag.String("journal", "consent.journal", "audit journal file")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	j, err := journal.Open(*path)
	if err != nil {
		log.Fatal(err)
	}
	defer j.Close()
	store := consent.New(j)
	sources := []string{"web-banner", "ios-settings", "android-settings", "support-ticket"}
	deadline := time.Now().Add(*dur)
	var changes, queries int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				user := fmt.Sprintf("u-%07d", r.Intn(1e6))
				purpose := consent.Purposes[r.Intn(len(consent.Purposes))]
				if r.Intn(4) == 0 {
					if err := store.Set(user, purpose, r.Intn(2) == 0, sources[r.Intn(len(sources))]); err != nil {
						log.Fatal(err)
					}
					atomic.AddInt64(&changes, 1)
					continue
				}
				store.Allowed(user, purpose)
				atomic.AddInt64(&queries, 1)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d consent changes journaled, %d queries", changes, queries)
}
