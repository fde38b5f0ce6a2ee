// Command runnerpool schedules simulated CI pipeline jobs onto runners.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/runnerpool/internal/jobs"
	"github.com/acme/runnerpool/internal/profiling"
	"github.com/acme/runnerpool/internal/runners"
	"github.com/acme/runnerpool/internal/sched"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent pipeline submitters")
	perLabel := flag.Int("runners", 6000, "runners registered per label")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	labels := []string{"linux-amd64", "linux-arm64", "windows", "macos", "gpu", "large-disk", "docker", "fips"}
	reg := runners.NewRegistry(labels)
	start := time.Now()
	r0 := rand.New(rand.NewSource(9))
	for _, l := range labels {
		p := reg.Pool(l)
		for i := 0; i < *perLabel; i++ {
			reg.Register(l, i, 2+r0.Intn(6), start)
			if r0.Intn(50) == 0 {
				p.SetDraining(fmt.Sprintf("%s-%05d", l, i), true)
			}
		}
	}
	s := &sched.Scheduler{Registry: reg, StaleAfter: time.Minute, Now: time.Now}

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var placed, rejected int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			// Jobs run for a while: a submitter keeps up to 2,000 running and finishes the
			// oldest when it starts a new one.
			running := make([]jobs.Job, 0, 2000)
			for id := uint64(w) << 40; time.Now().Before(deadline); id++ {
				j := jobs.Job{ID: id, Pipeline: fmt.Sprintf("pl-%d", r.Intn(900)),
					Label: labels[r.Intn(len(labels))], Submitted: time.Now()}
				if err := s.Place(&j); err != nil {
					atomic.AddInt64(&rejected, 1)
					continue
				}
				atomic.AddInt64(&placed, 1)
				if len(running) == cap(running) {
					old := running[0]
					reg.Pool(old.Label).Release(old.Runner)
					copy(running, running[1:])
					running = running[:len(running)-1]
				}
				running = append(running, j)
				if id%64 == 0 {
					l := labels[r.Intn(len(labels))]
					reg.Pool(l).Heartbeat(fmt.Sprintf("%s-%05d", l, r.Intn(*perLabel)), time.Now())
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d jobs placed, %d rejected, %d runners", placed, rejected, len(labels)**perLabel)
}
