// Command menuprice runs the menu service against simulated kiosks and app clients.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/menuprice/internal/catalog"
	"github.com/acme/menuprice/internal/menucache"
	"github.com/acme/menuprice/internal/profiling"
	"github.com/acme/menuprice/internal/storefront"
)

var channels = []string{"kiosk", "kiosk", "app-pickup", "app-delivery"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	clients := flag.Int("clients", 6, "concurrent kiosks and app clients")
	stores := flag.Int("stores", 40, "stores in the catalog")
	items := flag.Int("items", 30, "menu items per store")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	srv := &storefront.Server{Catalog: catalog.Synthetic(*stores, *items, 3), Cache: menucache.New()}
	ids := srv.Catalog.IDs()
	deadline := time.Now().Add(*dur)
	var requests, bytes int64
	var wg sync.WaitGroup
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(c + 1)))
			// Each client is pinned to a handful of nearby stores, like a kiosk or a user's app.
			mine := make([]string, 3)
			for i := range mine {
				mine[i] = ids[r.Intn(len(ids))]
			}
			for time.Now().Before(deadline) {
				doc, err := srv.Menu(mine[r.Intn(len(mine))], channels[r.Intn(len(channels))], time.Now())
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&requests, 1)
				atomic.AddInt64(&bytes, int64(len(doc)))
				time.Sleep(2 * time.Millisecond)
			}
		}(c)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	entries, hits, misses := srv.Cache.Stats()
	log.Printf("%d menu requests, %.1f MiB served; cache %d menus, %d hits, %d misses",
		requests, float64(bytes)/(1<<20), entries, hits, misses)
}
