// Command meter spools billable usage for a simulated gateway event stream.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/meter/internal/collector"
	"github.com/acme/meter/internal/profiling"
	"github.com/acme/meter/internal/spool"
	"github.com/acme/meter/internal/usage"
)

var products = []string{"search", "vision", "storage", "translate"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent gateway streams")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	dir, err := os.MkdirTemp("", "meter-spool-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	var stopCPU func() error
	if *profileDir != "" {
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var records, bytes int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		seg, err := spool.Create(dir, w)
		if err != nil {
			log.Fatal(err)
		}
		wg.Add(1)
		go func(w int, seg *spool.Segment) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			now := time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)
			for i := 0; time.Now().Before(deadline); i++ {
				ev := usage.Event{
					Tenant: fmt.Sprintf("tenant-%04d", r.Intn(3000)), Product: products[r.Intn(len(products))],
					Units: 1 + r.Int63n(20), Bytes: r.Int63n(8 << 20), At: now.Add(time.Duration(i) * time.Millisecond),
					Region: "eu-central", Metadata: "api=v2",
				}
				rec, ok := collector.Convert(ev)
				if !ok {
					continue
				}
				if err := seg.Append(&rec); err != nil {
					log.Fatal(err)
				}
			}
			if err := seg.Close(); err != nil {
				log.Fatal(err)
			}
			atomic.AddInt64(&records, seg.Records)
			atomic.AddInt64(&bytes, seg.Bytes)
		}(w, seg)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("spooled %d records, %d bytes", records, bytes)
}
