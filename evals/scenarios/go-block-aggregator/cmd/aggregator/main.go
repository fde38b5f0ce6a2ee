// Command aggregator serves simulated search traffic.
package main

import (
	"flag"
	"fmt"
	"log"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/aggregator/internal/profiling"
	"github.com/acme/aggregator/internal/search"
	"github.com/acme/aggregator/internal/shard"
	"github.com/acme/aggregator/internal/topology"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	clients := flag.Int("clients", 16, "concurrent search clients")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetBlockProfileRate(1)
	}

	s := &search.Searcher{Page: 20}
	for _, rep := range topology.Default() {
		s.Shards = append(s.Shards, shard.NewClient(rep))
	}
	deadline := time.Now().Add(*dur)
	var searches, hits int64
	var wg sync.WaitGroup
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				res := s.Search(fmt.Sprintf("query %d", (c*7919+i)%5000))
				atomic.AddInt64(&searches, 1)
				atomic.AddInt64(&hits, int64(len(res)))
			}
		}(c)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "block"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d searches, %d hits", searches, hits)
}
