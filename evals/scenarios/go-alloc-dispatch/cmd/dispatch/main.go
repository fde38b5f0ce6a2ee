// Command dispatch runs a simulated job stream through the workers.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"time"

	"github.com/acme/dispatch/internal/jobs"
	"github.com/acme/dispatch/internal/profiling"
	"github.com/acme/dispatch/internal/stats"
	"github.com/acme/dispatch/internal/worker"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "dispatch workers")
	producers := flag.Int("producers", 2, "intake producers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	intake := make(chan jobs.Job, 1024)
	retry := make(chan jobs.Job, 1024)
	st := &stats.Counters{}
	var wg sync.WaitGroup
	for i := 0; i < *workers; i++ {
		w := &worker.Worker{Jobs: intake, Retry: retry, Stats: st, AckEvery: 128, IdleFlush: 2 * time.Second}
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.Run()
		}()
	}
	deadline := time.Now().Add(*dur)
	var pw sync.WaitGroup
	for p := 0; p < *producers; p++ {
		pw.Add(1)
		go func(p int) {
			defer pw.Done()
			r := rand.New(rand.NewSource(int64(p)))
			for id := uint64(p); time.Now().Before(deadline); id += uint64(*producers) {
				select {
				case j := <-retry:
					intake <- j
				default:
				}
				intake <- jobs.Job{ID: id, Kind: jobs.Kind(r.Intn(3)), Tenant: uint32(r.Intn(500)), Key: r.Uint64()}
			}
		}(p)
	}
	pw.Wait()
	close(intake)
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("done %d jobs, %d ack batches, %d idle flushes", st.Done.Load(), st.Acks.Load(), st.Idle.Load())
}
