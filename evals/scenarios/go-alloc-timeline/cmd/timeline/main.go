// Command timeline serves home feeds under simulated member traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/timeline/internal/feed"
	"github.com/acme/timeline/internal/graph"
	"github.com/acme/timeline/internal/posts"
	"github.com/acme/timeline/internal/profiling"
	"github.com/acme/timeline/internal/render"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent members")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	b := &feed.Builder{Graph: graph.Generate(5000, 4000, 50, 250, 1), Posts: posts.Generate(4000, 40, 2)}
	var pages, bytes int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			var buf []byte
			for time.Now().Before(deadline) {
				buf = render.Page(buf[:0], b.Home(r.Intn(b.Graph.Members()), 50))
				atomic.AddInt64(&pages, 1)
				atomic.AddInt64(&bytes, int64(len(buf)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("served %d feed pages, %d bytes", pages, bytes)
}
