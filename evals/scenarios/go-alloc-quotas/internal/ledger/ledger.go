// Package ledger keeps the metered usage events of the current billing period.
package ledger

import (
	"sync"
	"time"
)

// Event is one metered use of a feature.
type Event struct {
	Feature string
	Units   float64
	At      time.Time
}

// tenantLog is one tenant's events, oldest first, as a fixed-size ring: older events have
// already been shipped to the billing warehouse.
type tenantLog struct {
	events []Event
	next   int
	full   bool
}

// Ledger holds every tenant's recent events.
type Ledger struct {
	mu      sync.RWMutex
	tenants map[string]*tenantLog
	keep    int
}

// New returns a ledger that keeps the last keep events per tenant.
func New(keep int) *Ledger {
	return &Ledger{tenants: map[string]*tenantLog{}, keep: keep}
}

// Record appends an event to the tenant's log.
func (l *Ledger) Record(tenant string, e Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.tenants[tenant]
	if t == nil {
		t = &tenantLog{events: make([]Event, 0, l.keep)}
		l.tenants[tenant] = t
	}
	if len(t.events) < l.keep {
		t.events = append(t.events, e)
		return
	}
	t.events[t.next] = e
	t.next = (t.next + 1) % l.keep
	t.full = true
}

// Each calls fn for every event of the tenant recorded at or after since.
func (l *Ledger) Each(tenant string, since time.Time, fn func(Event)) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	t := l.tenants[tenant]
	if t == nil {
		return
	}
	for _, e := range t.events {
		if !e.At.Before(since) {
			fn(e)
		}
	}
}

// Totals returns the tenant's units per feature recorded at or after since.
func (l *Ledger) Totals(tenant string, since time.Time) map[string]float64 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	totals := map[string]float64{}
	t := l.tenants[tenant]
	if t == nil {
		return totals
	}
	for _, e := range t.events {
		if !e.At.Before(since) {
			totals[e.Feature] += e.Units
		}
	}
	return totals
}
