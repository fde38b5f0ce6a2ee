// Command devicepush runs the push delivery service against a simulated scheduler and fleet.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/devicepush/internal/delivery"
	"github.com/acme/devicepush/internal/devices"
	"github.com/acme/devicepush/internal/gateway"
	"github.com/acme/devicepush/internal/payload"
	"github.com/acme/devicepush/internal/profiling"
)

var kinds = []string{"job.assigned", "job.changed", "job.cancelled", "parts.ready"}

// notification makes one scheduler notification; assignments carry the site plan and parts list.
func notification(r *rand.Rand, blobs [][]byte) *payload.Notification {
	k := kinds[r.Intn(len(kinds))]
	n := &payload.Notification{
		Kind:     k,
		JobID:    fmt.Sprintf("WO-%07d", r.Intn(10000000)),
		Title:    fmt.Sprintf("Boiler service at unit %d", r.Intn(400)),
		Body:     "Customer reports intermittent pressure loss; bring replacement valve kit and check the expansion vessel. Access via the rear car park, code at reception.",
		Site:     fmt.Sprintf("SITE-%04d", r.Intn(3000)),
		Priority: r.Intn(4),
	}
	if k == "job.assigned" || k == "parts.ready" {
		n.Attach = append(n.Attach, payload.Attachment{Name: "plan.webp", Data: blobs[r.Intn(len(blobs))]})
		if r.Intn(2) == 0 {
			n.Attach = append(n.Attach, payload.Attachment{Name: "parts.csv", Data: blobs[r.Intn(len(blobs))][:2048]})
		}
	}
	return n
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	senders := flag.Int("senders", 4, "concurrent scheduler senders")
	fleet := flag.Int("devices", 2000, "registered handsets")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	reg := devices.Synthetic(*fleet, 7)
	gw := &gateway.Gateway{Devices: reg, Tracker: delivery.NewTracker()}
	ids := reg.IDs()
	blobs := make([][]byte, 16)
	br := rand.New(rand.NewSource(99))
	for i := range blobs {
		blobs[i] = make([]byte, 12<<10+br.Intn(24<<10))
		br.Read(blobs[i])
	}

	deadline := time.Now().Add(*dur)
	var sent, bytes int64
	var wg sync.WaitGroup
	for s := 0; s < *senders; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(s + 1)))
			link := devices.NewLink(int64(s + 100))
			for time.Now().Before(deadline) {
				res, err := gw.Send(ids[r.Intn(len(ids))], notification(r, blobs), link)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&sent, 1)
				atomic.AddInt64(&bytes, int64(res.Bytes))
				time.Sleep(300 * time.Microsecond)
			}
		}(s)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		link := devices.NewLink(500)
		for time.Now().Before(deadline) {
			gw.Redeliver(link)
			time.Sleep(10 * time.Millisecond)
		}
	}()
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	st, tracked := gw.Tracker.Stats()
	log.Printf("%d notifications, %.1f MiB sent; %d acked, %d resent, %d given up, %d tracked",
		sent, float64(bytes)/(1<<20), st.Acked, st.Resent, st.GivenUp, tracked)
}
