// Package limiter admits or rejects requests with token buckets per tenant and route.
package limiter

import (
	"reflect"
	"sync"
	"time"

	"github.com/acme/ratelimiter/internal/config"
)

// Source provides the current limits.
type Source interface {
	Current() *config.Limits
}

type bucket struct {
	tokens float64
	last   time.Time
}

// Limiter holds the buckets of the limits it last applied.
type Limiter struct {
	Source Source

	mu      sync.Mutex
	applied *config.Limits
	tenants map[string]config.Rule
	blocked map[string]bool
	exempt  map[string]bool
	buckets map[string]*bucket
}

// Allow reports whether one request of tenant on route may proceed at now.
func (l *Limiter) Allow(tenant, route, method string, now time.Time) bool {
	cfg := l.Source.Current()
	l.mu.Lock()
	defer l.mu.Unlock()
	if !reflect.DeepEqual(cfg, l.applied) {
		l.apply(cfg)
	}
	if l.blocked[tenant] {
		return false
	}
	if l.exempt[tenant] {
		return true
	}
	rule, ok := l.tenants[tenant]
	if !ok {
		rule = cfg.Default
	}
	if rr, ok := cfg.Routes[route]; ok && rr.PerSecond < rule.PerSecond {
		rule = rr
	}
	cost := 1.0
	if w, ok := rule.Weights[method]; ok {
		cost = w
	}
	key := tenant + "|" + route
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(rule.Burst), last: now}
		l.buckets[key] = b
	}
	b.tokens += now.Sub(b.last).Seconds() * rule.PerSecond
	if b.tokens > float64(rule.Burst) {
		b.tokens = float64(rule.Burst)
	}
	b.last = now
	if b.tokens < cost {
		return false
	}
	b.tokens -= cost
	return true
}

// apply makes cfg the limits in force; buckets keep their tokens.
func (l *Limiter) apply(cfg *config.Limits) {
	l.applied = cfg
	l.tenants = cfg.Tenants
	l.blocked = make(map[string]bool, len(cfg.Blocked))
	for _, t := range cfg.Blocked {
		l.blocked[t] = true
	}
	l.exempt = make(map[string]bool, len(cfg.Exempt))
	for _, t := range cfg.Exempt {
		l.exempt[t] = true
	}
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
}
