// Package ledger keeps the members' points accounts.
package ledger

import (
	"errors"
	"sync"
	"time"
)

// stripes is how many independently locked parts the ledger is split into,
// so tills crediting different members do not wait for each other.
const stripes = 64

// ErrInsufficient is returned when a redemption exceeds the balance.
var ErrInsufficient = errors.New("ledger: insufficient points")

type stripe struct {
	mu       sync.Mutex
	accounts map[string]*Account
}

// Ledger is the set of all accounts.
type Ledger struct {
	parts [stripes]stripe
	Now   func() time.Time
}

// New returns an empty ledger.
func New() *Ledger {
	l := &Ledger{Now: time.Now}
	for i := range l.parts {
		l.parts[i].accounts = make(map[string]*Account)
	}
	return l
}

// stripeIndex picks the stripe of a member number. Member numbers are ASCII,
// so their leading bytes read as an integer make a cheap, stable hash.
func stripeIndex(member string) int {
	var h uint64
	for i := 0; i < 8 && i < len(member); i++ {
		h = h<<8 | uint64(member[i])
	}
	return int(h % stripes)
}

func (l *Ledger) stripe(member string) *stripe {
	return &l.parts[stripeIndex(member)]
}

// Credit books points earned by a member and returns the new balance and tier.
func (l *Ledger) Credit(member string, points int64, ref string) (int64, Tier) {
	now := l.Now()
	s := l.stripe(member)
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[member]
	if a == nil {
		a = &Account{Member: member}
		s.accounts[member] = a
	}
	a.record(Entry{At: now, Points: points, Ref: ref})
	a.retier(now)
	return a.Balance, a.Tier
}

// Redeem burns points at the till.
func (l *Ledger) Redeem(member string, points int64, ref string) (int64, error) {
	s := l.stripe(member)
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[member]
	if a == nil || a.Balance < points {
		return 0, ErrInsufficient
	}
	a.record(Entry{At: l.Now(), Points: -points, Ref: ref})
	return a.Balance, nil
}

// Balance returns a member's balance and tier.
func (l *Ledger) Balance(member string) (int64, Tier, bool) {
	s := l.stripe(member)
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accounts[member]
	if a == nil {
		return 0, Green, false
	}
	return a.Balance, a.Tier, true
}

// Members returns how many accounts the ledger holds.
func (l *Ledger) Members() int {
	n := 0
	for i := range l.parts {
		s := &l.parts[i]
		s.mu.Lock()
		n += len(s.accounts)
		s.mu.Unlock()
	}
	return n
}
