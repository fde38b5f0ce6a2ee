// Command leaderboard serves leaderboard queries under simulated player traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/leaderboard/internal/api"
	"github.com/acme/leaderboard/internal/profiling"
	"github.com/acme/leaderboard/internal/ranking"
	"github.com/acme/leaderboard/internal/scores"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent clients")
	players := flag.Int("players", 20000, "players in the season")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	table := scores.Generate(*players, 3)
	board := &ranking.Board{Table: table}
	names := table.Players()

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var queries, bytes int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for i := 0; time.Now().Before(deadline); i++ {
				var out string
				switch i % 4 {
				case 0:
					table.Record(names[r.Intn(len(names))], names[r.Intn(len(names))], 8+r.Intn(16), time.Now())
					continue
				case 1, 2:
					out = api.Rows(board.Top(10))
				case 3:
					out = api.Rows(board.Around(names[r.Intn(len(names))], 2))
				}
				atomic.AddInt64(&queries, 1)
				atomic.AddInt64(&bytes, int64(len(out)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("answered %d queries, %d bytes", queries, bytes)
}
