// Command timesheets imports simulated timesheet uploads.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/timesheets/internal/importer"
	"github.com/acme/timesheets/internal/ledger"
	"github.com/acme/timesheets/internal/profiling"
	"github.com/acme/timesheets/internal/scratch"
	"github.com/acme/timesheets/internal/timesheet"
)

var projects = []string{"sv-1041", "sv-1187", "inst-220", "maint-7", "warranty", "travel", "training", "inst-231"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "import workers")
	every := flag.Duration("every", 2*time.Millisecond, "time between uploads")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	led := ledger.New()
	pool := scratch.NewPool(32<<10, 2**workers)
	queue := make(chan timesheet.Upload, 64)
	var done int64
	var wg sync.WaitGroup
	ws := make([]*importer.Worker, *workers)
	for i := range ws {
		ws[i] = &importer.Worker{ID: i, Ledger: led, Scratch: pool, Done: &done}
		wg.Add(1)
		go func(w *importer.Worker) {
			defer wg.Done()
			w.Run(queue)
		}(ws[i])
	}

	r := rand.New(rand.NewSource(11))
	tick := time.NewTicker(*every)
	deadline := time.Now().Add(*dur)
	sent := int64(0)
	for now := range tick.C {
		if now.After(deadline) {
			break
		}
		queue <- upload(r, sent)
		sent++
	}
	tick.Stop()
	for atomic.LoadInt64(&done) < sent {
		time.Sleep(5 * time.Millisecond)
	}
	over := led.OverLimit(time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), 48*60)
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	close(queue)
	wg.Wait()
	rejected := 0
	for _, w := range ws {
		rejected += w.Rejected()
	}
	log.Printf("%d uploads, %d lines booked, %d rejected, %d technicians over 48h, %d free buffers",
		sent, led.Lines(), rejected, len(over), pool.Free())
}

// upload builds one technician's day as the mobile app exports it.
func upload(r *rand.Rand, n int64) timesheet.Upload {
	tech := fmt.Sprintf("T%04d", r.Intn(400))
	day := time.Date(2026, 1, 5+r.Intn(14), 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	var b strings.Builder
	b.WriteString("# technician;date;project;hours;flags\n")
	for i, lines := 0, 3+r.Intn(6); i < lines; i++ {
		flags := ""
		if r.Intn(5) == 0 {
			flags = "OT"
		}
		hours := float64(1+r.Intn(16)) / 4
		if r.Intn(200) == 0 {
			hours = 20 // a typo the import rejects
		}
		fmt.Fprintf(&b, "%s ; %s ; %s ; %.2f ; %s\n", tech, day, projects[r.Intn(len(projects))], hours, flags)
	}
	return timesheet.Upload{ID: fmt.Sprintf("U%07d", n), Technician: tech, Body: []byte(b.String())}
}
