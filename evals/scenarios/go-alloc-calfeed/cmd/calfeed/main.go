// Command calfeed serves clinic calendar feeds under simulated polling.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/calfeed/internal/ical"
	"github.com/acme/calfeed/internal/profiling"
	"github.com/acme/calfeed/internal/schedule"
)

var clinics = []string{"mitte", "pankow", "spandau", "neukoelln", "lichtenberg", "steglitz"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent feed requests")
	perClinic := flag.Int("appointments", 6000, "appointments per clinic")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	book := schedule.Generate(clinics, *perClinic, 5)
	feed := &ical.Feed{ProdID: "-//Acme Health//calfeed 2.3//EN", Name: "Clinic appointments"}
	from := time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)

	var feeds, bytes int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				// Calendar clients poll the next four weeks of one clinic.
				start := from.Add(time.Duration(r.Intn(60)) * 24 * time.Hour)
				appts := book.Window(clinics[r.Intn(len(clinics))], start, start.Add(28*24*time.Hour))
				doc := feed.Render(appts, time.Now())
				atomic.AddInt64(&feeds, 1)
				atomic.AddInt64(&bytes, int64(len(doc)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("served %d feeds, %d MiB", feeds, bytes>>20)
}
