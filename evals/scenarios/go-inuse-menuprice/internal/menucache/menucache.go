// Package menucache keeps rendered menus so that a store's menu is rendered once.
package menucache

import (
	"sync"
	"time"
)

// Key identifies one rendered menu. Prices depend on the time of day (lunch deals, happy
// hour), so the time the menu was priced at is part of the key.
type Key struct {
	Store   string
	Channel string
	At      time.Time
}

// Cache maps keys to rendered menu documents.
type Cache struct {
	mu      sync.RWMutex
	entries map[Key][]byte
	hits    int64
	misses  int64
}

// New returns an empty cache.
func New() *Cache { return &Cache{entries: make(map[Key][]byte)} }

// Get returns the rendered menu for the key.
func (c *Cache) Get(k Key) ([]byte, bool) {
	c.mu.RLock()
	doc, ok := c.entries[k]
	c.mu.RUnlock()
	c.mu.Lock()
	if ok {
		c.hits++
	} else {
		c.misses++
	}
	c.mu.Unlock()
	return doc, ok
}

// Put stores a rendered menu.
func (c *Cache) Put(k Key, doc []byte) {
	c.mu.Lock()
	c.entries[k] = doc
	c.mu.Unlock()
}

// Stats reports entries, hits and misses.
func (c *Cache) Stats() (entries int, hits, misses int64) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries), c.hits, c.misses
}
