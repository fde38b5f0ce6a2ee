// Command fraudscore scores simulated authorisation traffic.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/fraudscore/internal/profiling"
	"github.com/acme/fraudscore/internal/score"
	"github.com/acme/fraudscore/internal/txn"
	"github.com/acme/fraudscore/internal/velocity"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent authorisation streams")
	cards := flag.Int("cards", 40000, "active cards")
	rate := flag.Int("rate", 100000, "authorisations per second, all streams together")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	tokens := make([]string, *cards)
	for i := range tokens {
		tokens[i] = fmt.Sprintf("tok_%012x", rand.Int63n(1<<48))
	}
	merchants := make([]string, 5000)
	for i := range merchants {
		merchants[i] = fmt.Sprintf("MID%08d", i*7919%100000000)
	}
	countries := []string{"NL", "NL", "NL", "NL", "DE", "BE", "FR", "GB", "US"}
	mccs := []int{5411, 5812, 5541, 4111, 5999, 7995, 4829, 5311}

	s := &score.Scorer{Velocity: velocity.New(10 * time.Minute), Home: "NL"}
	// Traffic is replayed faster than real time: one wall-clock second is a simulated hour.
	start := time.Now()
	simStart := time.Date(2026, 1, 15, 8, 0, 0, 0, time.UTC)
	var seq, reviewed, blocked int64
	deadline := start.Add(*dur)
	perTick := *rate / *workers / 100
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for now := range tick.C {
				if now.After(deadline) {
					return
				}
				at := simStart.Add(now.Sub(start) * 3600)
				for i := 0; i < perTick; i++ {
					a := txn.Auth{
						ID: uint64(atomic.AddInt64(&seq, 1)), Card: tokens[r.Intn(len(tokens))],
						Merchant: merchants[r.Intn(len(merchants))], MCC: mccs[r.Intn(len(mccs))],
						Country: countries[r.Intn(len(countries))], Cents: int64(100 + r.Intn(20000)),
						At: at, Online: r.Intn(3) == 0,
					}
					d := s.Score(&a)
					if d.Block {
						atomic.AddInt64(&blocked, 1)
					} else if d.Review {
						atomic.AddInt64(&reviewed, 1)
					}
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
	log.Printf("%d authorisations, %d cards, %d reviewed, %d blocked", seq, s.Velocity.Cards(), reviewed, blocked)
}
