// Command clickstream collects events under simulated front-end traffic.
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

	"github.com/acme/clickstream/internal/event"
	"github.com/acme/clickstream/internal/profiling"
	"github.com/acme/clickstream/internal/segment"
	"github.com/acme/clickstream/internal/track"
)

var agents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
	"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	handlers := flag.Int("handlers", 16, "concurrent request handlers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetBlockProfileRate(1)
	}

	w := &segment.Writer{MaxBytes: 4 << 20}
	t := track.New(w, "2026-01-salt")
	var handled int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for h := 0; h < *handlers; h++ {
		wg.Add(1)
		go func(h int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(h)))
			for time.Now().Before(deadline) {
				kind := "pageview"
				if r.Intn(3) == 0 {
					kind = "click"
				}
				err := t.Track(event.Event{
					Kind: kind, Visitor: fmt.Sprintf("v-%08x", r.Uint32()),
					URL:       fmt.Sprintf("https://shop.acme.example/c/%d/p/%d?utm_source=news", r.Intn(40), r.Intn(9000)),
					UserAgent: agents[r.Intn(len(agents))],
					Props:     map[string]string{"ab": "checkout-v2", "lang": "de"},
				})
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&handled, 1)
			}
		}(h)
	}
	wg.Wait()
	t.Close()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "block"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d requests tracked, %d events written, %d segments sealed", handled, w.Events, w.Sealed)
}
