// Command expenses serves simulated claim submissions.
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

	"github.com/acme/expenses/internal/approvals"
	"github.com/acme/expenses/internal/ledger"
	"github.com/acme/expenses/internal/policy"
	"github.com/acme/expenses/internal/profiling"
)

var (
	centres    = []string{"CC-1100-sales", "CC-2300-engineering", "CC-4100-field-ops"}
	categories = []string{"travel", "hotel", "meals", "software", "training", "supplies", "mileage"}
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 8, "concurrent submissions")
	history := flag.Int("history", 40000, "entries already booked per cost centre")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	employees := make([]string, 900)
	for i := range employees {
		employees[i] = fmt.Sprintf("E%05d", 10000+i)
	}
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	budgets := map[string]*ledger.Budget{}
	r := rand.New(rand.NewSource(23))
	for _, c := range centres {
		b := &ledger.Budget{Centre: c, LimitCents: 1 << 40}
		b.Seed(r, *history, start, employees, categories)
		budgets[c] = b
	}
	now := time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)
	wf := &approvals.Workflow{Policy: policy.Default, Budgets: budgets, Clock: func() time.Time { return now }}

	deadline := time.Now().Add(*dur)
	var submitted, dashboards int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 1))
			for n := 0; time.Now().Before(deadline); n++ {
				c := policy.Claim{
					ID:         fmt.Sprintf("CL-%d-%d", w, n),
					Employee:   employees[r.Intn(len(employees))],
					Centre:     centres[r.Intn(len(centres))],
					Category:   categories[r.Intn(len(categories))],
					Cents:      int64(300 + r.Intn(30000)),
					HasReceipt: r.Intn(10) != 0,
					Nights:     1 + r.Intn(3),
					Attendees:  1 + r.Intn(4),
				}
				if wf.Submit(c) == approvals.Approved && r.Intn(40) == 0 {
					wf.Cancel(c.Centre, c.ID)
				}
				atomic.AddInt64(&submitted, 1)
				if r.Intn(20) == 0 {
					// the budget owner's dashboard polls the remaining amount
					_ = budgets[centres[r.Intn(len(centres))]].Remaining()
					atomic.AddInt64(&dashboards, 1)
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d claims (%v), %d dashboard reads", submitted, wf.Counts(), dashboards)
}
