// Command mailfilter filters a simulated inbound mail stream.
package main

import (
	"flag"
	"fmt"
	"log"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/mailfilter/internal/message"
	"github.com/acme/mailfilter/internal/profiling"
	"github.com/acme/mailfilter/internal/rules"
	"github.com/acme/mailfilter/internal/verdict"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent filter workers")
	ntenants := flag.Int("tenants", 30, "hosted tenants")
	extra := flag.Int("rules", 40, "tenant-specific rules per tenant")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	tenants := make([]string, *ntenants)
	for i := range tenants {
		tenants[i] = fmt.Sprintf("tenant%02d", i)
	}
	sets := rules.Synthetic(tenants, *extra, 42)

	// the stream is generated up front so the run measures filtering, not the generator
	gen := message.NewGenerator(1)
	stream := make([]*message.Message, 4000)
	for i := range stream {
		stream[i] = gen.Next(tenants)
	}

	deadline := time.Now().Add(*dur)
	var filtered, held, logBytes int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var matches []rules.Match
			logBuf := make([]byte, 0, 4096)
			for i := w; time.Now().Before(deadline); i += *workers {
				m := stream[i%len(stream)]
				matches = sets[m.Tenant].Evaluate(m, matches)
				v := verdict.Decide(m, matches)
				if v.Action == rules.Quarantine {
					atomic.AddInt64(&held, 1)
				}
				logBuf = v.AppendLog(logBuf[:0])
				atomic.AddInt64(&logBytes, int64(len(logBuf)))
				atomic.AddInt64(&filtered, 1)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d messages filtered, %d quarantined, %d log bytes", filtered, held, logBytes)
}
