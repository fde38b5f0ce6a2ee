// Command livetail serves simulated ingest traffic and dashboard viewers.
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

	"github.com/acme/livetail/internal/hub"
	"github.com/acme/livetail/internal/logline"
	"github.com/acme/livetail/internal/profiling"
	"github.com/acme/livetail/internal/session"
)

var services = []string{"checkout", "search", "payments", "auth", "catalog", "shipping"}
var levels = []string{"DEBUG", "INFO", "INFO", "INFO", "WARN", "ERROR"}
var words = []string{"request", "done", "timeout", "retry", "cache", "miss", "user", "order", "db", "slow"}

// browser stands in for a viewer's websocket.
type browser struct{ frames int64 }

func (b *browser) Send(text string) error {
	atomic.AddInt64(&b.frames, int64(len(text)))
	return nil
}

func ingest(h *hub.Hub, r *rand.Rand, stop <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case <-stop:
			return
		default:
		}
		raw := fmt.Sprintf("%s %s %s %s %d", services[r.Intn(len(services))], levels[r.Intn(len(levels))],
			words[r.Intn(len(words))], words[r.Intn(len(words))], r.Intn(10000))
		l, err := logline.Parse(time.Now(), raw)
		if err != nil {
			continue
		}
		h.Publish(l)
		time.Sleep(50 * time.Microsecond)
	}
}

func viewer(h *hub.Hub, r *rand.Rand, deadline time.Time, opened *int64, wg *sync.WaitGroup) {
	defer wg.Done()
	for time.Now().Before(deadline) {
		f := session.Filter{MinLevel: logline.Level(r.Intn(3))}
		if r.Intn(2) == 0 {
			f.Service = services[r.Intn(len(services))]
		}
		if r.Intn(4) == 0 {
			f.Contains = words[r.Intn(len(words))]
		}
		t := session.Open(h, f, &browser{})
		atomic.AddInt64(opened, 1)
		time.Sleep(time.Duration(2+r.Intn(8)) * time.Millisecond)
		t.Close()
	}
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	viewers := flag.Int("viewers", 8, "concurrent dashboard viewers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	h := hub.New()
	stop := make(chan struct{})
	var ingestWG, viewWG sync.WaitGroup
	for i := 0; i < 2; i++ {
		ingestWG.Add(1)
		go ingest(h, rand.New(rand.NewSource(int64(100+i))), stop, &ingestWG)
	}
	deadline := time.Now().Add(*dur)
	var opened int64
	for v := 0; v < *viewers; v++ {
		viewWG.Add(1)
		go viewer(h, rand.New(rand.NewSource(int64(v))), deadline, &opened, &viewWG)
	}
	viewWG.Wait()
	close(stop)
	ingestWG.Wait()
	time.Sleep(50 * time.Millisecond)
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "goroutine"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d tails opened, %d open, %d goroutines", opened, h.Open(), runtime.NumGoroutine())
}
