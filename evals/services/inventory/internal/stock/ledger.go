// Package stock keeps the stock ledger.
package stock

import (
	"crypto/sha256"
	"encoding/binary"
	"sync"
)

// Ledger records reservations against stock levels.
type Ledger struct {
	mu      sync.Mutex
	onHand  map[string]int
	journal []byte
	audit   [32]byte
}

// NewLedger returns a ledger with the given stock levels.
func NewLedger(onHand map[string]int) *Ledger {
	return &Ledger{onHand: onHand}
}

// Reserve takes qty units of sku if available.
func (l *Ledger) Reserve(sku string, qty int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.onHand[sku] < qty {
		return false
	}
	l.onHand[sku] -= qty
	var rec [8]byte
	binary.LittleEndian.PutUint64(rec[:], uint64(qty))
	l.journal = append(l.journal, sku...)
	l.journal = append(l.journal, rec[:]...)
	if len(l.journal) > 1<<16 {
		l.journal = l.journal[:0]
	}
	l.audit = sha256.Sum256(append(l.audit[:], l.journal...))
	return true
}

// Restock adds qty units of sku.
func (l *Ledger) Restock(sku string, qty int) {
	l.mu.Lock()
	l.onHand[sku] += qty
	l.mu.Unlock()
}
