// Command thumbs renders page previews under simulated viewer traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/thumbs/internal/profiling"
	"github.com/acme/thumbs/internal/render"
	"github.com/acme/thumbs/internal/store"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent viewers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	st := store.Generate(200, 9)
	pv := &render.Previewer{Store: st}
	ids := st.IDs()
	sides := []int{64, 128, 160}

	var previews, bytes int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				b, err := pv.Preview(ids[r.Intn(len(ids))], sides[r.Intn(len(sides))])
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&previews, 1)
				atomic.AddInt64(&bytes, int64(len(b)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("rendered %d previews, %d bytes", previews, bytes)
}
