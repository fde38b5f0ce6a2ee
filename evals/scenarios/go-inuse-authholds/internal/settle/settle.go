// Package settle applies captures to open holds and keeps the settlement ledger totals.
package settle

import (
	"sync"

	"github.com/acme/authholds/internal/holds"
)

// Ledger totals the captured amounts per currency and keeps the last captures for audit.
type Ledger struct {
	mu       sync.Mutex
	totals   map[string]int64
	recent   [1024]holds.Hold
	next     int
	captured int64
	missing  int64
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger { return &Ledger{totals: make(map[string]int64)} }

// Capture settles authID against the tracker.
func (l *Ledger) Capture(t *holds.Tracker, authID uint64, amount int64) error {
	h, err := t.Close(authID)
	if err != nil {
		l.mu.Lock()
		l.missing++
		l.mu.Unlock()
		return err
	}
	if amount > h.AmountMinor {
		amount = h.AmountMinor
	}
	cur := string(h.Currency[:3])
	l.mu.Lock()
	l.totals[cur] += amount
	l.recent[l.next%len(l.recent)] = h
	l.next++
	l.captured++
	l.mu.Unlock()
	return nil
}

// Captured returns how many holds were captured and how many captures found no hold.
func (l *Ledger) Captured() (int64, int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.captured, l.missing
}
