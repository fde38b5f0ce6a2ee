// Package tokencache caches token introspection results until the token expires.
package tokencache

import (
	"sync"
	"time"
)

type entry struct {
	claims  []byte
	expires time.Time
}

// Cache maps a token's hash to its introspection result.
type Cache struct {
	mu      sync.RWMutex
	maxTTL  time.Duration
	entries map[string]entry
}

// New returns a cache that keeps a result at most maxTTL (and never past the token's expiry).
func New(maxTTL time.Duration) *Cache {
	return &Cache{maxTTL: maxTTL, entries: make(map[string]entry)}
}

// Get returns the cached claims of a token that has not expired yet.
func (c *Cache) Get(key string, now time.Time) ([]byte, bool) {
	c.mu.RLock()
	e, ok := c.entries[key]
	c.mu.RUnlock()
	if !ok || !now.Before(e.expires) {
		return nil, false
	}
	return e.claims, true
}

// Put stores the claims of a token valid until exp.
func (c *Cache) Put(key string, claims []byte, exp, now time.Time) {
	if limit := now.Add(c.maxTTL); exp.After(limit) {
		exp = limit
	}
	stored := make([]byte, 0, len(claims))
	stored = append(stored, claims...)
	c.mu.Lock()
	c.entries[key] = entry{claims: stored, expires: exp}
	c.mu.Unlock()
}

// Len returns the number of entries held.
func (c *Cache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries)
}
