// Command reports serves simulated portal export requests.
package main

import (
	"flag"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/reports/internal/config"
	"github.com/acme/reports/internal/datasource"
	"github.com/acme/reports/internal/export"
	"github.com/acme/reports/internal/profiling"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	users := flag.Int("users", 12, "concurrent portal users")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetBlockProfileRate(1)
	}

	ex := export.New(config.Default(), &datasource.Source{Latency: 4 * time.Millisecond})
	months := []string{"2025-10", "2025-11", "2025-12"}
	deadline := time.Now().Add(*dur)
	var docs, pages, bytes int64
	var wg sync.WaitGroup
	for u := 0; u < *users; u++ {
		wg.Add(1)
		go func(u int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(u)))
			for time.Now().Before(deadline) {
				d, err := ex.Statement(export.Request{Account: 10000 + r.Intn(5000), Month: months[r.Intn(len(months))]})
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&docs, 1)
				atomic.AddInt64(&pages, int64(d.Pages))
				atomic.AddInt64(&bytes, int64(len(d.Bytes)))
			}
		}(u)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "block"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d exports, %d pages, %d bytes", docs, pages, bytes)
}
