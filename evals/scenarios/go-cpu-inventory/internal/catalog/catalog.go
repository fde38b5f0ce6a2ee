// Package catalog holds the items of a warehouse catalogue and their stock.
package catalog

import (
	"fmt"
	"math/rand"
	"sync"
)

// Item is one stock keeping unit.
type Item struct {
	SKU      string
	Name     string
	Bin      string
	OnHand   int
	Reserved int
}

// Catalog is the list of items stocked by one warehouse.
type Catalog struct {
	mu    sync.Mutex
	items []Item
}

// Generate returns a catalogue with n synthetic items.
func Generate(n int, seed int64) *Catalog {
	r := rand.New(rand.NewSource(seed))
	c := &Catalog{items: make([]Item, 0, n)}
	for i := 0; i < n; i++ {
		c.items = append(c.items, Item{
			SKU:    fmt.Sprintf("SKU-%02d-%07d", r.Intn(40), i),
			Name:   fmt.Sprintf("Article %d", i),
			Bin:    fmt.Sprintf("%c%02d-%02d", 'A'+r.Intn(20), r.Intn(50), r.Intn(12)),
			OnHand: 10 + r.Intn(500),
		})
	}
	return c
}

// SKUs returns the SKUs of all items.
func (c *Catalog) SKUs() []string {
	out := make([]string, len(c.items))
	for i := range c.items {
		out[i] = c.items[i].SKU
	}
	return out
}

// Find returns the index of the item with the given SKU.
func (c *Catalog) Find(sku string) (int, bool) {
	for i := range c.items {
		if c.items[i].SKU == sku {
			return i, true
		}
	}
	return -1, false
}

// Reserve reserves qty units of sku and reports whether enough stock was available.
func (c *Catalog) Reserve(sku string, qty int) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	i, ok := c.Find(sku)
	if !ok {
		return false, fmt.Errorf("catalog: unknown sku %q", sku)
	}
	it := &c.items[i]
	if it.OnHand-it.Reserved < qty {
		return false, nil
	}
	it.Reserved += qty
	return true, nil
}

// Release returns qty reserved units of sku to available stock.
func (c *Catalog) Release(sku string, qty int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.Find(sku); ok && c.items[i].Reserved >= qty {
		c.items[i].Reserved -= qty
	}
}
