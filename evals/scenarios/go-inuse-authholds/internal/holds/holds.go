// Package holds tracks open authorisation holds until they are captured, voided or expire.
package holds

import (
	"errors"
	"sync"
	"time"
)

// ErrUnknownHold is returned when a capture or void names no open hold.
var ErrUnknownHold = errors.New("holds: unknown authorisation")

// Hold is one approved authorisation holding funds. It is kept by value so the
// tracker does not allocate per hold.
type Hold struct {
	AuthID      uint64
	CardToken   [16]byte
	MerchantID  uint32
	MCC         uint16
	Flags       uint16
	AmountMinor int64
	Currency    [4]byte
	Acquirer    [12]byte
	CreatedUnix int64
	ExpiresUnix int64
	RiskScore   float32
	Attempts    uint32
	Reference   [24]byte
}

// Flags.
const (
	FlagReplayed uint16 = 1 << iota
	FlagIncremental
	FlagCardPresent
)

// Tracker holds the open holds by authorisation id.
type Tracker struct {
	mu      sync.Mutex
	open    map[uint64]Hold
	held    map[uint32]int64 // merchant -> open amount
	expired int64
}

// NewTracker returns an empty tracker.
func NewTracker() *Tracker {
	return &Tracker{open: make(map[uint64]Hold), held: make(map[uint32]int64)}
}

// Open records a new hold.
func (t *Tracker) Open(h Hold) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if prev, ok := t.open[h.AuthID]; ok {
		// Incremental authorisation: the new amount replaces the old one.
		t.held[prev.MerchantID] -= prev.AmountMinor
		h.Flags |= FlagIncremental
	}
	t.open[h.AuthID] = h
	t.held[h.MerchantID] += h.AmountMinor
}

// Close removes the hold of authID and returns it.
func (t *Tracker) Close(authID uint64) (Hold, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	h, ok := t.open[authID]
	if !ok {
		return Hold{}, ErrUnknownHold
	}
	delete(t.open, authID)
	t.held[h.MerchantID] -= h.AmountMinor
	return h, nil
}

// Expire releases every hold whose expiry is before now and returns how many it released.
func (t *Tracker) Expire(now time.Time) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	cut := now.Unix()
	for id, h := range t.open {
		if h.ExpiresUnix < cut {
			delete(t.open, id)
			t.held[h.MerchantID] -= h.AmountMinor
			n++
		}
	}
	t.expired += int64(n)
	return n
}

// Len returns the number of open holds.
func (t *Tracker) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.open)
}

// Held returns the open amount of a merchant.
func (t *Tracker) Held(merchant uint32) int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.held[merchant]
}
