// Package velocity keeps each card's recent payments and counts them over a window.
package velocity

import (
	"sync"
	"time"

	"github.com/acme/fraudscore/internal/txn"
)

// Payment is what the velocity counters need of an authorisation.
type Payment struct {
	At       time.Time
	Cents    int64
	MCC      int
	Country  string
	Merchant string
}

// Stats are a card's payments within the window, the one being scored included.
type Stats struct {
	Count     int
	Cents     int64
	Countries int
	Merchants int
}

// Tracker holds the payment history per card.
type Tracker struct {
	Window time.Duration

	mu     sync.Mutex
	byCard map[string][]Payment
}

// New returns a tracker counting over window.
func New(window time.Duration) *Tracker {
	return &Tracker{Window: window, byCard: make(map[string][]Payment)}
}

// Observe records a and returns its card's stats over the window ending at a.At.
func (t *Tracker) Observe(a *txn.Auth) Stats {
	t.mu.Lock()
	defer t.mu.Unlock()
	hist := append(t.byCard[a.Card], Payment{At: a.At, Cents: a.Cents, MCC: a.MCC, Country: a.Country, Merchant: a.Merchant})
	t.byCard[a.Card] = hist
	cutoff := a.At.Add(-t.Window)
	var s Stats
	var countries, merchants [8]string
	for i := len(hist) - 1; i >= 0 && hist[i].At.After(cutoff); i-- {
		p := &hist[i]
		s.Count++
		s.Cents += p.Cents
		s.Countries = addDistinct(countries[:], s.Countries, p.Country)
		s.Merchants = addDistinct(merchants[:], s.Merchants, p.Merchant)
	}
	return s
}

// Cards returns the number of cards with a history.
func (t *Tracker) Cards() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.byCard)
}

// addDistinct adds v to the first n entries of seen unless present (or seen is full).
func addDistinct(seen []string, n int, v string) int {
	for _, s := range seen[:n] {
		if s == v {
			return n
		}
	}
	if n == len(seen) {
		return n
	}
	seen[n] = v
	return n + 1
}
