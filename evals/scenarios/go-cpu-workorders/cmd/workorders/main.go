// Command workorders serves simulated technician agenda requests.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/workorders/internal/agenda"
	"github.com/acme/workorders/internal/orders"
	"github.com/acme/workorders/internal/profiling"
)

var (
	kinds   = []string{"install", "repair", "inspection", "maintenance", "meter-read", "survey"}
	levels  = []string{"low", "normal", "normal", "normal", "high", "emergency"}
	stateOf = []string{"open", "open", "open", "open", "en_route", "done", "cancelled"}
	offsets = []int{0, 1, 1, 2, -5, 5 * 60 / 60}
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent request handlers")
	techs := flag.Int("technicians", 120, "technicians with an agenda")
	perTech := flag.Int("orders", 600, "work orders per technician")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	store := orders.NewStore()
	names := make([]string, *techs)
	for i := range names {
		names[i] = fmt.Sprintf("tech-%04d", i)
	}
	if n, err := orders.Ingest(store, feed(names, *perTech)); err != nil {
		log.Fatal(err)
	} else {
		log.Printf("ingested %d work orders", n)
	}
	svc := &agenda.Service{Store: store, PageSize: 25}
	now := time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)

	var stopCPU func() error
	var err error
	if *profileDir != "" {
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var requests, bytesOut int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(i)))
			var buf bytes.Buffer
			for time.Now().Before(deadline) {
				if r.Intn(20) == 0 {
					// A technician updates an order from the app.
					store.SetStatus(int64(r.Intn(len(names)**perTech)), orders.Status(r.Intn(3)))
					continue
				}
				page := svc.Agenda(names[r.Intn(len(names))], now)
				buf.Reset()
				if err := json.NewEncoder(&buf).Encode(&page); err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&bytesOut, int64(buf.Len()))
				atomic.AddInt64(&requests, 1)
			}
		}(i)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d agenda requests, %d bytes", requests, bytesOut)
}

// feed returns a CRM feed batch with perTech orders for every technician.
func feed(names []string, perTech int) []byte {
	r := rand.New(rand.NewSource(7))
	base := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	id := int64(0)
	for _, tech := range names {
		for k := 0; k < perTech; k++ {
			zone := time.FixedZone("site", offsets[r.Intn(len(offsets))]*3600)
			due := base.Add(time.Duration(r.Intn(14*24*60)) * time.Minute).In(zone)
			rec := map[string]any{
				"id": id, "site": fmt.Sprintf("site-%05d", r.Intn(40000)), "assignee": tech,
				"type": kinds[r.Intn(len(kinds))], "priority": levels[r.Intn(len(levels))],
				"state": stateOf[r.Intn(len(stateOf))], "due": due.Format(time.RFC3339),
				"notes": "gate code on file; call ahead", "minutes": 30 + 15*r.Intn(8),
			}
			if err := enc.Encode(rec); err != nil {
				log.Fatal(err)
			}
			id++
		}
	}
	return b.Bytes()
}
