// Package lru is a least-recently-used cache of encoded tiles.
package lru

import (
	"container/list"
	"sync"

	"github.com/acme/tilecache/internal/tilekey"
)

type entry struct {
	key  tilekey.Key
	tile []byte
}

// Cache keeps the most recently used tiles, evicting the least recently used beyond MaxEntries.
type Cache struct {
	mu         sync.Mutex
	maxEntries int
	ll         *list.List
	items      map[tilekey.Key]*list.Element
	bytes      int64
	hits       uint64
	misses     uint64
	evictions  uint64
}

// New returns a cache holding at most maxEntries tiles.
func New(maxEntries int) *Cache {
	return &Cache{maxEntries: maxEntries, ll: list.New(), items: make(map[tilekey.Key]*list.Element)}
}

// Get returns the cached tile and marks it recently used.
func (c *Cache) Get(k tilekey.Key) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.ll.MoveToFront(el)
		c.hits++
		return el.Value.(*entry).tile, true
	}
	c.misses++
	return nil, false
}

// Add stores a copy of the tile (callers render into reused buffers).
func (c *Cache) Add(k tilekey.Key, tile []byte) {
	own := append([]byte(nil), tile...)
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		e := el.Value.(*entry)
		c.bytes += int64(len(own) - len(e.tile))
		e.tile = own
		c.ll.MoveToFront(el)
		return
	}
	c.items[k] = c.ll.PushFront(&entry{key: k, tile: own})
	c.bytes += int64(len(own))
	for c.ll.Len() > c.maxEntries {
		c.removeOldest()
	}
}

func (c *Cache) removeOldest() {
	el := c.ll.Back()
	if el == nil {
		return
	}
	e := c.ll.Remove(el).(*entry)
	delete(c.items, e.key)
	c.bytes -= int64(len(e.tile))
	c.evictions++
}

// Stats reports entries, bytes held, hits, misses and evictions.
func (c *Cache) Stats() (entries int, bytes int64, hits, misses, evictions uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len(), c.bytes, c.hits, c.misses, c.evictions
}
