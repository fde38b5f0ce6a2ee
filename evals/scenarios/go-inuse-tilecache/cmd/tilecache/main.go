// Command tilecache serves simulated map viewers.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"time"

	"github.com/acme/tilecache/internal/lru"
	"github.com/acme/tilecache/internal/profiling"
	"github.com/acme/tilecache/internal/render"
	"github.com/acme/tilecache/internal/tiles"
)

// The service area: the metro region's tiles at zoom 12 start here, 5x5 tiles wide.
const (
	baseZoom = 12
	baseX    = 2200
	baseY    = 1343
	span     = 5
)

// viewer pans and zooms around the service area, requesting the 3x3 tiles of its viewport.
func viewer(srv *tiles.Server, mu *sync.Mutex, r *rand.Rand, deadline time.Time) int {
	requests := 0
	var sink int
	write := func(b []byte) { sink += len(b) }
	for time.Now().Before(deadline) {
		z := baseZoom + r.Intn(5)
		scale := 1 << (z - baseZoom)
		cx := baseX*scale + r.Intn(span*scale)
		cy := baseY*scale + r.Intn(span*scale)
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				mu.Lock()
				err := srv.Tile(fmt.Sprintf("%d/%d/%d.mvt", z, cx+dx, cy+dy), write)
				mu.Unlock()
				if err != nil {
					log.Fatal(err)
				}
				requests++
			}
		}
		time.Sleep(200 * time.Microsecond)
	}
	return requests
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	viewers := flag.Int("viewers", 8, "concurrent map viewers")
	maxTiles := flag.Int("cache-tiles", 100000, "tiles kept in the LRU")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	srv := &tiles.Server{Cache: lru.New(*maxTiles), Renderer: render.New()}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	var srvMu, totalMu sync.Mutex
	total := 0
	for v := 0; v < *viewers; v++ {
		wg.Add(1)
		go func(v int) {
			defer wg.Done()
			n := viewer(srv, &srvMu, rand.New(rand.NewSource(int64(v))), deadline)
			totalMu.Lock()
			total += n
			totalMu.Unlock()
		}(v)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	entries, bytes, hits, misses, evictions := srv.Cache.Stats()
	log.Printf("%d requests, cache %d tiles / %.1f MiB, %d hits, %d misses, %d evictions",
		total, entries, float64(bytes)/(1<<20), hits, misses, evictions)
}
