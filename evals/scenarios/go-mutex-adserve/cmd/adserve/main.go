// Command adserve runs the house-ads server against simulated page views.
package main

import (
	"flag"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/adserve/internal/campaigns"
	"github.com/acme/adserve/internal/profiling"
	"github.com/acme/adserve/internal/randsrc"
	"github.com/acme/adserve/internal/server"
)

var layouts = [][]server.Slot{
	{{Name: "top", Width: 728, Height: 90}, {Name: "mpu", Width: 300, Height: 250}, {Name: "half", Width: 300, Height: 600}},
	{{Name: "banner", Width: 320, Height: 50}, {Name: "mpu", Width: 300, Height: 250}},
	{{Name: "billboard", Width: 970, Height: 250}, {Name: "mpu-1", Width: 300, Height: 250}, {Name: "mpu-2", Width: 300, Height: 250}, {Name: "top", Width: 728, Height: 90}},
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	handlers := flag.Int("handlers", 16, "concurrent request handlers")
	ncampaigns := flag.Int("campaigns", 400, "live campaigns")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	srv := &server.Server{Book: campaigns.Synthetic(*ncampaigns, 11), Rand: randsrc.Default, Fanout: 4}
	sections, countries := campaigns.Sections(), campaigns.Countries()
	deadline := time.Now().Add(*dur)
	var served, filled int64
	var wg sync.WaitGroup
	for h := 0; h < *handlers; h++ {
		wg.Add(1)
		go func(h int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(h + 1)))
			for time.Now().Before(deadline) {
				req := &server.Request{
					Site:    "pub-" + sections[r.Intn(len(sections))],
					Section: sections[r.Intn(len(sections))],
					Country: countries[r.Intn(len(countries))],
					Slots:   layouts[r.Intn(len(layouts))],
				}
				resp := srv.Serve(req)
				atomic.AddInt64(&served, 1)
				atomic.AddInt64(&filled, int64(len(resp.Fills)))
			}
		}(h)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d ad requests, %d slots filled", served, filled)
}
