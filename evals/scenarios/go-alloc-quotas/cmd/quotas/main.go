// Command quotas answers simulated gateway quota checks.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/quotas/internal/enforce"
	"github.com/acme/quotas/internal/ledger"
	"github.com/acme/quotas/internal/plans"
	"github.com/acme/quotas/internal/profiling"
)

var routes = []string{
	"/v1/orders", "/v1/orders/{id}", "/v1/customers", "/v1/customers/{id}", "/v1/invoices",
	"/v1/invoices/{id}/pdf", "/v1/search", "/v1/products", "/v1/products/{id}", "/v1/carts",
	"/v1/carts/{id}/items", "/v1/payments", "/v1/refunds", "/v1/shipments", "/v1/webhooks",
	"/v1/reports", "/v1/exports", "/v1/users", "/v1/teams", "/v1/audit",
}

var methods = []string{"GET", "POST", "PUT", "DELETE"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent gateway checks")
	tenants := flag.Int("tenants", 400, "tenants")
	keep := flag.Int("events", 2500, "events kept per tenant")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	features := []string{"exports", "seats", "storage.gb"}
	for _, rt := range routes {
		for _, m := range methods {
			features = append(features, "api.calls:"+m+" "+rt)
		}
	}
	names := make([]string, *tenants)
	planOf := map[string]string{}
	tiers := []string{"starter", "growth", "growth", "enterprise"}
	l := ledger.New(*keep)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewSource(1))
	for i := range names {
		names[i] = fmt.Sprintf("tn_%06d", 10000+i)
		planOf[names[i]] = tiers[r.Intn(len(tiers))]
		for k := 0; k < *keep; k++ {
			l.Record(names[i], ledger.Event{
				Feature: features[r.Intn(len(features))], Units: 1,
				At: start.Add(time.Duration(r.Intn(14*24*3600)) * time.Second),
			})
		}
	}
	e := &enforce.Enforcer{
		Ledger: l, Plans: plans.Catalog(),
		TenantPlan: func(t string) string { return planOf[t] },
		PeriodStart: func(now time.Time) time.Time {
			return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		},
	}
	now := time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)

	var allowed, denied, reports int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(100 + i)))
			for time.Now().Before(deadline) {
				t := names[r.Intn(len(names))]
				if r.Intn(200) == 0 {
					e.Report(t, now)
					atomic.AddInt64(&reports, 1)
					continue
				}
				if e.Check(t, features[r.Intn(len(features))], 1, now).Allowed {
					atomic.AddInt64(&allowed, 1)
				} else {
					atomic.AddInt64(&denied, 1)
				}
			}
		}(i)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d allowed, %d denied, %d reports", allowed, denied, reports)
}
