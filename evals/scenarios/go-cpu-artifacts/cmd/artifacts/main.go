// Command artifacts serves simulated artifact uploads and downloads.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/artifacts/internal/download"
	"github.com/acme/artifacts/internal/profiling"
	"github.com/acme/artifacts/internal/store"
)

type artifact struct{ name, version string }

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent deploy agents")
	count := flag.Int("artifacts", 48, "artifacts in the registry")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	st := store.New()
	gen := rand.New(rand.NewSource(3))
	var known []artifact
	for i := 0; i < *count; i++ {
		name := fmt.Sprintf("layers/svc-%02d.tar.gz", i%16)
		version := fmt.Sprintf("1.%d.%d", i/16, gen.Intn(20))
		data := make([]byte, (1+gen.Intn(4))<<20)
		gen.Read(data)
		st.Put(name, version, data)
		known = append(known, artifact{name, version})
	}
	h := &download.Handler{Store: st}

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var requests, sent int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				a := known[r.Intn(len(known))]
				// Deploy agents resume downloads in 64 KiB chunks.
				off := r.Intn(1 << 20)
				rng := fmt.Sprintf("bytes=%d-%d", off, off+64<<10-1)
				resp, err := h.Serve(a.name, a.version, rng)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&requests, 1)
				atomic.AddInt64(&sent, int64(len(resp.Body)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("served %d range requests, %d MiB from %d artifacts", requests, sent>>20, st.Len())
}
