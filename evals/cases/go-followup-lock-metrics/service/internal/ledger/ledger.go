// Package ledger records stock reservations.
package ledger

import (
	"fmt"
	"sync"
)

// Entry is one journal line.
type Entry struct {
	SKU string
	Qty int
	Seq int
}

// Ledger holds stock levels and the reservation journal.
type Ledger struct {
	mu      sync.Mutex
	onHand  map[string]int
	journal []Entry
	seq     int
}

// New returns a ledger with the given stock.
func New(onHand map[string]int) *Ledger {
	return &Ledger{onHand: onHand}
}

// Available returns the stock left for sku.
func (l *Ledger) Available(sku string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.onHand[sku]
}

// Reserve takes qty of sku out of stock and returns the journal line for the audit log.
func (l *Ledger) Reserve(sku string, qty int) (string, error) {
	l.mu.Lock()
	left := l.onHand[sku]
	if left < qty {
		l.mu.Unlock()
		return "", fmt.Errorf("%s: only %d left", sku, left)
	}
	l.onHand[sku] = left - qty
	l.seq++
	e := Entry{SKU: sku, Qty: qty, Seq: l.seq}
	l.journal = append(l.journal, e)
	if len(l.journal) > 4096 {
		l.journal = l.journal[len(l.journal)-1024:]
	}
	l.mu.Unlock()
	return fmt.Sprintf("reserve seq=%d sku=%s qty=%d", e.Seq, e.SKU, e.Qty), nil
}
