// Command authholds tracks simulated card authorisation holds.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/authholds/internal/holds"
	"github.com/acme/authholds/internal/merchants"
	"github.com/acme/authholds/internal/profiling"
	"github.com/acme/authholds/internal/replay"
	"github.com/acme/authholds/internal/settle"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run live traffic")
	workers := flag.Int("workers", 4, "concurrent authorisation streams")
	backlog := flag.Int("backlog", 240000, "authorisations replayed by the acquirer after the outage")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	dir := merchants.Synthetic(5000, 1)
	tracker := holds.NewTracker()
	ledger := settle.NewLedger()

	// The acquirer replays its backlog; the next settlement file captures all of it.
	b := replay.Replay(tracker, dir, 9_000_000_000, *backlog, 2)
	for _, id := range b.IDs {
		if err := ledger.Capture(tracker, id, 1<<62); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("backlog of %d settled, %d holds open", len(b.IDs), tracker.Len())

	deadline := time.Now().Add(*dur)
	var next uint64 = 1_000_000
	var opened int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for time.Now().Before(deadline) {
			time.Sleep(500 * time.Millisecond)
			tracker.Expire(time.Now())
		}
	}()
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w + 10)))
			var pending []uint64
			for time.Now().Before(deadline) {
				id := atomic.AddUint64(&next, 1)
				m := dir.Random(r)
				tracker.Open(replay.NewHold(id, m, r, time.Now(), holds.FlagCardPresent))
				atomic.AddInt64(&opened, 1)
				pending = append(pending, id)
				// Captures arrive a little later than the authorisations.
				if len(pending) > 64 {
					for _, p := range pending[:32] {
						_ = ledger.Capture(tracker, p, int64(r.Intn(30000)))
					}
					pending = append(pending[:0], pending[32:]...)
				}
			}
			for _, p := range pending {
				_ = ledger.Capture(tracker, p, 0)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	captured, missing := ledger.Captured()
	log.Printf("%d live holds opened, %d captured, %d missing, %d still open",
		opened, captured, missing, tracker.Len())
}
