// Command jobboard serves a simulated job board.
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

	"github.com/acme/jobboard/internal/api"
	"github.com/acme/jobboard/internal/board"
	"github.com/acme/jobboard/internal/jobs"
	"github.com/acme/jobboard/internal/profiling"
	"github.com/acme/jobboard/internal/runner"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	runners := flag.Int("runners", 3, "concurrent job runners")
	pollers := flag.Int("pollers", 6, "concurrent dashboard pollers")
	njobs := flag.Int("jobs", 400, "jobs on the board")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	all := jobs.Synthetic(*njobs, time.Now())
	totals := make(map[string]int64, len(all))
	for _, j := range all {
		totals[j.ID] = j.Total
	}
	b := board.New(all)
	ids := b.IDs()
	deadline := time.Now().Add(*dur)
	var reports, polls, bytes int64
	var wg sync.WaitGroup
	for w := 0; w < *runners; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := runner.New(b, ids, int64(w+1))
			for time.Now().Before(deadline) {
				id := r.Pick()
				if err := r.RunOne(id, totals[id]); err != nil {
					log.Fatal(err)
				}
			}
			atomic.AddInt64(&reports, r.Reports)
		}(w)
	}
	for p := 0; p < *pollers; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			s := &api.Server{Board: b}
			r := rand.New(rand.NewSource(int64(p + 50)))
			for time.Now().Before(deadline) {
				q := ""
				if r.Intn(4) == 0 {
					q = fmt.Sprintf("owner=team-%02d", r.Intn(17))
				}
				resp := s.Status(q, r.Intn(3) == 0)
				if resp.Status != 200 {
					log.Fatalf("status %d", resp.Status)
				}
				atomic.AddInt64(&polls, 1)
				atomic.AddInt64(&bytes, int64(len(resp.Body)))
				time.Sleep(time.Millisecond)
			}
		}(p)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d progress reports, %d status polls, %d bytes served", reports, polls, bytes)
}
