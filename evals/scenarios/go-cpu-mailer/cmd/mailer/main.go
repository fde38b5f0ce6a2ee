// Command mailer renders e-mails for a simulated shop event stream.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"time"

	"github.com/acme/mailer/internal/events"
	"github.com/acme/mailer/internal/outbox"
	"github.com/acme/mailer/internal/profiling"
	"github.com/acme/mailer/internal/render"
)

var kinds = []string{"order_placed", "order_placed", "order_shipped", "password_reset"}

func event(r *rand.Rand, i int) events.Event {
	ev := events.Event{
		Kind: kinds[r.Intn(len(kinds))], To: fmt.Sprintf("customer%d@example.com", r.Intn(100000)),
		Name: "Sam", Locale: "en", OrderID: fmt.Sprintf("A-%08d", i), Carrier: "dhl",
		Tracking: fmt.Sprintf("JJD%012d", r.Int63n(1e12)), ResetURL: "https://acme.example/reset?t=abc",
		At: time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC),
	}
	for k := 0; k < 1+r.Intn(5); k++ {
		ev.Items = append(ev.Items, events.Item{Name: fmt.Sprintf("Article %d", r.Intn(900)), Qty: 1 + r.Intn(3), UnitCents: int64(199 + r.Intn(9000))})
	}
	return ev
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent renderers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	rd := &render.Renderer{}
	box := &outbox.Outbox{}
	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for i := w; time.Now().Before(deadline); i += *workers {
				m, err := rd.Render(event(r, i))
				if err != nil {
					log.Fatal(err)
				}
				box.Put(m)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	n, b := box.Stats()
	log.Printf("rendered %d messages, %d bytes", n, b)
}
