// Package ledger keeps charges and their reversals.
package ledger

import (
	"errors"
	"sync"
)

// ErrUnknownCharge is returned for a charge id the ledger has never seen.
var ErrUnknownCharge = errors.New("ledger: unknown charge")

// ErrOverRefund is returned when a reversal would exceed the charged amount.
var ErrOverRefund = errors.New("ledger: refund exceeds remaining amount")

// Charge is one captured payment.
type Charge struct {
	ID       string
	Customer string
	Currency string
	Amount   int64
	Refunded int64
}

// Ledger is a concurrency-safe store of charges.
type Ledger struct {
	mu      sync.Mutex
	charges map[string]*Charge
}

// New returns an empty ledger.
func New() *Ledger {
	return &Ledger{charges: make(map[string]*Charge)}
}

// Add records a captured charge.
func (l *Ledger) Add(c Charge) {
	l.mu.Lock()
	defer l.mu.Unlock()
	cc := c
	l.charges[c.ID] = &cc
}

// Lookup returns a copy of the charge with id.
func (l *Ledger) Lookup(id string) (Charge, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c, ok := l.charges[id]
	if !ok {
		return Charge{}, ErrUnknownCharge
	}
	return *c, nil
}

// Reverse books a reversal of amount against the charge and returns what remains refundable.
func (l *Ledger) Reverse(id string, amount int64) (int64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c, ok := l.charges[id]
	if !ok {
		return 0, ErrUnknownCharge
	}
	if c.Refunded+amount > c.Amount {
		return c.Amount - c.Refunded, ErrOverRefund
	}
	c.Refunded += amount
	return c.Amount - c.Refunded, nil
}
