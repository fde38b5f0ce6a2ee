// Command slotting plans putaway for simulated inbound pallets.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/slotting/internal/layout"
	"github.com/acme/slotting/internal/profiling"
	"github.com/acme/slotting/internal/putaway"
	"github.com/acme/slotting/internal/scoring"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "receiving docks scanning pallets")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	zones := []string{"AMB", "CHL", "FRZ", "HAZ"}
	lay := layout.Generate(7, zones, 24, 40, 5)
	pl := &putaway.Planner{Layout: lay, Weights: scoring.Default, Choices: 3}
	classes := []layout.Velocity{layout.ClassA, layout.ClassB, layout.ClassB, layout.ClassC}

	var stored, full int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for n := 0; time.Now().Before(deadline); n++ {
				p := putaway.Pallet{
					LPN:   fmt.Sprintf("LPN%d%08d", w, n),
					SKU:   fmt.Sprintf("SKU-%05d", r.Intn(40000)),
					Zone:  zones[r.Intn(len(zones))],
					Class: classes[r.Intn(len(classes))],
				}
				if _, err := pl.Putaway(p); err != nil {
					atomic.AddInt64(&full, 1)
				} else {
					atomic.AddInt64(&stored, 1)
				}
				// Picking empties slots at about the rate receiving fills them.
				z := lay.Zones[zones[r.Intn(len(zones))]]
				z.Release(r.Intn(z.Len()))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d pallets put away, %d found their zone full", stored, full)
}
