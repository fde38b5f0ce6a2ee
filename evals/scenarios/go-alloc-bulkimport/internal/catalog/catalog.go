// Package catalog holds the SKU table and the current offer per SKU and seller.
package catalog

import (
	"fmt"
	"sync"
)

// Offer is one seller's price and stock for a SKU.
type Offer struct {
	Seller   int
	Cents    int64
	Currency string
	Quantity int64
	Updates  int64
}

// Catalog maps SKUs to their offers.
type Catalog struct {
	index  map[string]int
	skus   []string
	mu     []sync.Mutex
	offers [][]Offer // [sku][seller]
}

// New builds a catalogue of n SKUs ("SKU-000000"...) for the given number of sellers.
func New(n, sellers int) *Catalog {
	c := &Catalog{index: make(map[string]int, n), mu: make([]sync.Mutex, n), offers: make([][]Offer, n)}
	for i := 0; i < n; i++ {
		sku := fmt.Sprintf("SKU-%06d", i)
		c.index[sku] = i
		c.skus = append(c.skus, sku)
		c.offers[i] = make([]Offer, sellers)
	}
	return c
}

// SKU returns the i-th SKU.
func (c *Catalog) SKU(i int) string { return c.skus[i] }

// Len is the number of SKUs.
func (c *Catalog) Len() int { return len(c.skus) }

// Lookup returns the index of a SKU.
func (c *Catalog) Lookup(sku string) (int, bool) {
	i, ok := c.index[sku]
	return i, ok
}

// Set records a seller's offer for the SKU at index i.
func (c *Catalog) Set(i, seller int, cents int64, currency string, qty int64) {
	c.mu[i].Lock()
	o := &c.offers[i][seller]
	o.Seller, o.Cents, o.Quantity = seller, cents, qty
	if o.Currency != currency {
		o.Currency = currency
	}
	o.Updates++
	c.mu[i].Unlock()
}
