// Command eventrouter routes simulated partner event traffic.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"time"

	"github.com/acme/eventrouter/internal/profiling"
	"github.com/acme/eventrouter/internal/router"
	"github.com/acme/eventrouter/internal/rules"
	"github.com/acme/eventrouter/internal/sink"
)

var eventTypes = []string{
	"order.created", "order.updated", "order.cancelled", "shipment.dispatched",
	"shipment.delivered", "invoice.issued", "inventory.adjusted", "return.requested",
}

// envelope builds one partner event with a realistic payload: line items, addresses
// and free-form attributes.
func envelope(r *rand.Rand, seq, tenants int) []byte {
	items := make([]map[string]any, 4+r.Intn(20))
	for i := range items {
		items[i] = map[string]any{
			"sku":        fmt.Sprintf("SKU-%06d", r.Intn(900000)),
			"qty":        1 + r.Intn(12),
			"unit_price": float64(r.Intn(50000)) / 100,
			"warehouse":  fmt.Sprintf("WH%02d", r.Intn(40)),
			"tags":       []string{"std", "fragile", "promo"}[:1+r.Intn(3)],
			"attributes": map[string]any{"color": "slate", "size": "M", "batch": r.Intn(1e6)},
		}
	}
	env := map[string]any{
		"id":           fmt.Sprintf("evt_%012d", seq),
		"type":         eventTypes[r.Intn(len(eventTypes))],
		"tenant":       rules.TenantID(r.Intn(tenants)),
		"spec_version": 2,
		"source":       "partner-gateway",
		"time":         time.Date(2026, 1, 15, 9, r.Intn(60), r.Intn(60), 0, time.UTC).Format(time.RFC3339),
		"data": map[string]any{
			"order_id": fmt.Sprintf("ORD-%09d", r.Intn(1e9)),
			"currency": "EUR",
			"items":    items,
			"ship_to": map[string]any{
				"name": "Erika Mustermann", "street": "Hauptstrasse 12", "city": "Koeln",
				"postcode": "50667", "country": "DE",
			},
			"notes": "leave at the reception desk if nobody answers",
		},
	}
	raw, err := json.Marshal(env)
	if err != nil {
		log.Fatal(err)
	}
	return raw
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent partner connections")
	tenants := flag.Int("tenants", 2000, "tenants with subscriptions")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	rt := &router.Router{Rules: rules.Default(*tenants), Sink: sink.New(256)}
	gen := rand.New(rand.NewSource(11))
	traffic := make([][]byte, 1024)
	for i := range traffic {
		traffic[i] = envelope(gen, i, *tenants)
	}

	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				if err := rt.Route(traffic[r.Intn(len(traffic))]); err != nil {
					log.Fatal(err)
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	st := rt.Stats()
	n, bytes := rt.Sink.Totals()
	log.Printf("routed %d, dropped %d, rejected %d; %d envelopes (%d MiB) queued in total",
		st.Routed, st.Dropped, st.Rejected, n, bytes>>20)
}
