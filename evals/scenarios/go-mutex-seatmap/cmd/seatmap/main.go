// Command seatmap replays simulated buyers holding seats and browsers picking seats.
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

	"github.com/acme/seatmap/internal/broadcast"
	"github.com/acme/seatmap/internal/profiling"
	"github.com/acme/seatmap/internal/seats"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	buyers := flag.Int("buyers", 6, "buyers in checkout at once")
	browsers := flag.Int("browsers", 6, "buyers moving the seat picker")
	watchers := flag.Int("watchers", 300, "browsers watching the seat map")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	sections := []string{"FLOOR-A", "FLOOR-B", "LOWER-101", "LOWER-102", "LOWER-103", "UPPER-201", "UPPER-202"}
	store := seats.NewStore(sections, 30, 40, func(id seats.ID) int64 {
		return 4500 + int64(30-id.Row)*150
	})
	bc := broadcast.New(*watchers)
	done := make(chan struct{})
	go func() { bc.Run(store.Changes()); close(done) }()

	pick := func(r *rand.Rand) seats.ID {
		return seats.ID{Section: sections[r.Intn(len(sections))], Row: 1 + r.Intn(30), Number: 1 + r.Intn(40)}
	}
	deadline := time.Now().Add(*dur)
	var holds, taken, lookups int64
	var wg sync.WaitGroup
	for b := 0; b < *buyers; b++ {
		wg.Add(1)
		go func(b int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(b)))
			for n := 0; time.Now().Before(deadline); n++ {
				session := fmt.Sprintf("chk_%02d_%06d", b, n)
				id := pick(r)
				if err := store.Hold(id, session, 8*time.Minute, time.Now()); err != nil {
					atomic.AddInt64(&taken, 1)
					continue
				}
				atomic.AddInt64(&holds, 1)
				store.Release(id, session, time.Now())
			}
		}(b)
	}
	for p := 0; p < *browsers; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(100 + p)))
			session := fmt.Sprintf("brw_%02d", p)
			for time.Now().Before(deadline) {
				for k := 0; k < 25; k++ {
					store.Available(pick(r), session, time.Now())
				}
				atomic.AddInt64(&lookups, 25)
				time.Sleep(50 * time.Microsecond)
			}
		}(p)
	}
	wg.Wait()
	store.Close()
	<-done
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d holds, %d taken, %d seat lookups, %d changes broadcast", holds, taken, lookups, bc.Sent())
}
