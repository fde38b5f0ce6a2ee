// Command sms sends simulated notification traffic.
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

	"github.com/acme/sms/internal/numbers"
	"github.com/acme/sms/internal/profiling"
	"github.com/acme/sms/internal/provider"
	"github.com/acme/sms/internal/sender"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 24, "concurrent notification workers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetBlockProfileRate(1)
	}

	s := sender.New(numbers.NewPool(20), &provider.Client{Latency: 15 * time.Millisecond})
	deadline := time.Now().Add(*dur)
	var sent int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				m := sender.Message{To: fmt.Sprintf("+49170%07d", r.Intn(1e7)), Text: fmt.Sprintf("Your code is %06d", r.Intn(1e6))}
				if _, err := s.Send(m); err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&sent, 1)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "block"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d messages sent", sent)
}
