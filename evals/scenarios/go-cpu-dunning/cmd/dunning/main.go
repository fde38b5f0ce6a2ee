// Command dunning renders overdue reminders for simulated scheduler batches.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/dunning/internal/accounts"
	"github.com/acme/dunning/internal/notices"
	"github.com/acme/dunning/internal/outbox"
	"github.com/acme/dunning/internal/profiling"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent batch workers")
	batchSize := flag.Int("batch", 50, "accounts per scheduler batch")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	var stop func() error
	if *profileDir != "" {
		var err error
		if stop, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}

	r := notices.NewRenderer(7 * 24 * time.Hour)
	box := outbox.New(512)
	now := time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)
	deadline := time.Now().Add(*dur)
	var batches, failed int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rnd := rand.New(rand.NewSource(int64(w) + 1))
			for time.Now().Before(deadline) {
				batch := accounts.Generate(rnd, *batchSize)
				for i := range batch {
					subject, body, err := r.Render(&batch[i], now)
					if err != nil {
						atomic.AddInt64(&failed, 1)
						continue
					}
					box.Enqueue(outbox.Message{To: batch[i].Email, Subject: subject, Body: body})
				}
				atomic.AddInt64(&batches, 1)
			}
		}(w)
	}
	wg.Wait()
	if stop != nil {
		if err := stop(); err != nil {
			log.Fatal(err)
		}
	}
	sent, bytes := box.Stats()
	log.Printf("%d batches, %d notices (%d bytes), %d failed", batches, sent, bytes, failed)
}
