// Command recommender serves recommendation strips under simulated visitor sessions.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/recommender/internal/catalog"
	"github.com/acme/recommender/internal/profiling"
	"github.com/acme/recommender/internal/recs"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent visitors")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	cat := catalog.Generate(30000, 12, 5)
	eng := recs.NewEngine(cat, 12)
	var served, bytes int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for s := 0; time.Now().Before(deadline); s++ {
				// A visitor's session: a few product pages, then the visitor leaves for good.
				session := fmt.Sprintf("sess-%02d-%08x%08x", w, s, r.Uint32())
				viewed := []int{r.Intn(len(cat.Products))}
				for page := 0; page < 1+r.Intn(4); page++ {
					strip := eng.Strip(session, viewed)
					atomic.AddInt64(&served, 1)
					atomic.AddInt64(&bytes, int64(len(strip)))
					viewed = append(viewed, cat.Products[viewed[len(viewed)-1]].Neighbors[r.Intn(12)])
				}
				if s%4 == 0 {
					time.Sleep(time.Millisecond)
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d strips served, %d bytes, %d sessions held", served, bytes, eng.Sessions())
}
