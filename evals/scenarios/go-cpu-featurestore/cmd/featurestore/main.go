// Command featurestore materialises a synthetic item catalogue and replays ranking requests
// against it.
package main

import (
	"flag"
	"log"
	"math/rand"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/featurestore/internal/features"
	"github.com/acme/featurestore/internal/profiling"
	"github.com/acme/featurestore/internal/ranker"
	"github.com/acme/featurestore/internal/store"
)

const catalogue = 6000

func randomVector(r *rand.Rand, version int64) features.Vector {
	v := features.Vector{Version: version}
	for i := range v.Values {
		v.Values[i] = float32(r.NormFloat64())
	}
	features.Normalize(&v)
	return v
}

func materialise(s *store.DiskStore) error {
	r := rand.New(rand.NewSource(42))
	for item := uint32(0); item < catalogue; item++ {
		if item%97 == 0 {
			continue // retired items have no record
		}
		v := randomVector(r, 20260114+int64(item%3))
		if err := s.Put(item, &v); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to replay requests")
	workers := flag.Int("workers", 4, "concurrent ranking workers")
	candidates := flag.Int("candidates", 40, "candidates per ranking request")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	root, err := os.MkdirTemp("", "featurestore-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)
	s, err := store.Open(root)
	if err != nil {
		log.Fatal(err)
	}
	if err := materialise(s); err != nil {
		log.Fatal(err)
	}

	var stopCPU func() error
	if *profileDir != "" {
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var requests, served int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 7))
			rk := ranker.New(s, 20260114)
			req := ranker.Request{Limit: 10, Candidates: make([]uint32, *candidates)}
			for time.Now().Before(deadline) {
				req.User = randomVector(r, 0)
				for i := range req.Candidates {
					req.Candidates[i] = uint32(r.Intn(catalogue))
				}
				top, err := rk.Rank(&req)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&requests, 1)
				atomic.AddInt64(&served, int64(len(top)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	hits, misses := s.Stats()
	log.Printf("ranked %d requests (%d results), %d feature hits, %d misses", requests, served, hits, misses)
}
