// Package cache keeps rendered responses for reuse.
package cache

import "sync"

// ResponseCache maps request keys to response bodies.
type ResponseCache struct {
	mu      sync.Mutex
	entries map[string][]byte
}

// New returns an empty cache.
func New() *ResponseCache {
	return &ResponseCache{entries: make(map[string][]byte)}
}

// Put stores a copy of body under key.
func (c *ResponseCache) Put(key string, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[key] = append([]byte(nil), body...)
}

// Get returns the body stored under key.
func (c *ResponseCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.entries[key]
	return b, ok
}

// Len returns the number of entries.
func (c *ResponseCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
