// Package upstream is the market data provider client.
package upstream

import (
	"math/rand"
	"sync"
	"time"

	"github.com/acme/fx/internal/currency"
)

// Quote is a bid/ask quote.
type Quote struct {
	Pair     currency.Pair
	Bid, Ask float64
	At       time.Time
}

// Provider returns quotes with a realistic latency profile.
type Provider struct {
	mu sync.Mutex
	r  *rand.Rand
}

// NewProvider returns a provider.
func NewProvider(seed int64) *Provider { return &Provider{r: rand.New(rand.NewSource(seed))} }

// Fetch returns the current quote of p.
func (pr *Provider) Fetch(p currency.Pair) (Quote, error) {
	pr.mu.Lock()
	latency := time.Duration(1+pr.r.Intn(4)) * time.Millisecond
	if pr.r.Intn(100) < 20 {
		latency = time.Duration(20+pr.r.Intn(60)) * time.Millisecond
	}
	mid := 0.5 + pr.r.Float64()
	pr.mu.Unlock()
	time.Sleep(latency)
	return Quote{Pair: p, Bid: mid * 0.9995, Ask: mid * 1.0005, At: time.Now()}, nil
}
