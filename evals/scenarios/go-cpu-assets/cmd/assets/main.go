// Command assets serves static assets under simulated browser traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/assets/internal/blobstore"
	"github.com/acme/assets/internal/profiling"
	"github.com/acme/assets/internal/serve"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent browsers")
	assets := flag.Int("assets", 300, "assets in the store")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	store := blobstore.Generate(*assets, 21)
	h := &serve.Handler{Store: store, MaxAge: time.Hour}
	paths := store.Paths()

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var ok, notModified, sent int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			seen := map[string]string{}
			for time.Now().Before(deadline) {
				p := paths[r.Intn(len(paths))]
				resp := h.Serve(serve.Request{Path: p, IfNoneMatch: seen[p]})
				switch resp.Status {
				case 200:
					seen[p] = resp.Headers["ETag"]
					atomic.AddInt64(&ok, 1)
					atomic.AddInt64(&sent, int64(len(resp.Body)))
				case 304:
					atomic.AddInt64(&notModified, 1)
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("served %d full, %d not modified, %d bytes", ok, notModified, sent)
}
