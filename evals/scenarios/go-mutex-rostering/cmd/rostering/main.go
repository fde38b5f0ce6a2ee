// Command rostering serves simulated staff-app and swap traffic.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/rostering/internal/openshifts"
	"github.com/acme/rostering/internal/profiling"
	"github.com/acme/rostering/internal/roster"
	"github.com/acme/rostering/internal/swaps"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 8, "concurrent staff-app callers")
	perSite := flag.Int("shifts", 600, "shifts per site")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	sites := make([]string, 30)
	for i := range sites {
		sites[i] = fmt.Sprintf("site%02d", i)
	}
	ros := roster.New()
	ids := roster.Plan(ros, rand.New(rand.NewSource(3)), sites, *perSite)
	list := &openshifts.Listing{Roster: ros}

	deadline := time.Now().Add(*dur)
	var queries, listed int64
	var st swaps.Stats
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the swap queue
		defer wg.Done()
		r := rand.New(rand.NewSource(99))
		for time.Now().Before(deadline) {
			req := swaps.Request{Kind: swaps.Kind(r.Intn(3)), Shift: ids[r.Intn(len(ids))],
				Other: ids[r.Intn(len(ids))], Worker: fmt.Sprintf("emp-%04d", r.Intn(5000))}
			swaps.Apply(ros, req, &st)
			time.Sleep(200 * time.Microsecond)
		}
	}()
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				req := openshifts.Request{
					Worker: fmt.Sprintf("emp-%04d", r.Intn(5000)),
					Sites:  []string{sites[r.Intn(len(sites))], sites[r.Intn(len(sites))]},
					Limit:  25,
				}
				if r.Intn(2) == 0 {
					req.Roles = []string{"picker", "packer"}
				}
				atomic.AddInt64(&listed, int64(len(list.Open(req))))
				atomic.AddInt64(&queries, 1)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d queries, %d shifts listed; swaps %+v", queries, listed, st)
}
