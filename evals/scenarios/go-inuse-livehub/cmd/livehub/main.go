// Command livehub simulates live events: audiences spike, frames fan out, audiences drain.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"time"

	"github.com/acme/livehub/internal/events"
	"github.com/acme/livehub/internal/hub"
	"github.com/acme/livehub/internal/profiling"
	"github.com/acme/livehub/internal/viewer"
)

var regions = []string{"eu-west", "eu-central", "us-east", "us-west", "ap-south"}

// event runs one live event on stream: the audience ramps up to peak, frames
// are published while it lasts, then nearly everybody leaves. The regulars
// who stay are returned and watch the next event too.
func event(h *hub.Hub, stream string, regulars []*viewer.Viewer, peak int, frames int, r *rand.Rand) []*viewer.Viewer {
	p := events.NewProducer(stream, r.Int63())
	audience := append([]*viewer.Viewer(nil), regulars...)
	for i := 0; i < frames; i++ {
		if len(audience) < peak {
			for k := 0; k < peak/20+1 && len(audience) < peak; k++ {
				audience = append(audience, h.Join(stream, regions[r.Intn(len(regions))]))
			}
		}
		// a little churn while the event runs
		if len(audience) > 10 && r.Intn(4) == 0 {
			j := r.Intn(len(audience))
			h.Leave(audience[j])
			audience[j] = h.Join(stream, regions[r.Intn(len(regions))])
		}
		h.Publish(p.Next())
	}
	// the event ends: all but a few regulars leave, in no particular order
	r.Shuffle(len(audience), func(i, j int) { audience[i], audience[j] = audience[j], audience[i] })
	keep := 3 + r.Intn(5)
	for _, v := range audience[keep:] {
		h.Leave(v)
	}
	return audience[:keep]
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	streams := flag.Int("streams", 6, "concurrent streams")
	peak := flag.Int("peak", 900, "largest audience of an event")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	h := hub.New()
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	var mu sync.Mutex
	held := 0
	for s := 0; s < *streams; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(s) + 11))
			name := fmt.Sprintf("live-%02d", s)
			n := 0
			var regulars []*viewer.Viewer
			for time.Now().Before(deadline) {
				// audiences differ per event; the first big one sets the high-water mark
				size := *peak/3 + r.Intn(*peak-*peak/3)
				if n == 0 {
					size = *peak
				}
				regulars = event(h, name, regulars, size, 400+r.Intn(400), r)
				n++
			}
			mu.Lock()
			held += n
			mu.Unlock()
		}(s)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d events, audience now %v", held, h.Audience())
}
