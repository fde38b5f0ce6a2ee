// Command geoip serves simulated lookup traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/geoip/internal/enrich"
	"github.com/acme/geoip/internal/profiling"
	"github.com/acme/geoip/internal/reload"
	"github.com/acme/geoip/internal/table"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 8, "concurrent callers")
	size := flag.Int("ranges", 200000, "ranges per release")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	rs, rel := reload.Release(1, *size)
	t := table.New(rs, rel)
	e := &enrich.Enricher{Table: t}
	deadline := time.Now().Add(*dur)
	var lookups, found int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 2; time.Now().Before(deadline); n++ {
			time.Sleep(1500 * time.Millisecond)
			t.Swap(reload.Release(n, *size))
		}
	}()
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			batch := make([]enrich.Request, 32)
			for time.Now().Before(deadline) {
				for i := range batch {
					batch[i] = enrich.Request{ClientIP: r.Uint32()}
				}
				atomic.AddInt64(&found, int64(e.Enrich(batch)))
				atomic.AddInt64(&lookups, int64(len(batch)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d lookups, %d found", lookups, found)
}
