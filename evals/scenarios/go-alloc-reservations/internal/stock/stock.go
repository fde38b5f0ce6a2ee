// Package stock holds the warehouse bins and their quantities.
package stock

import (
	"sort"
	"sync"
)

// Bin is one storage location holding a single SKU.
type Bin struct {
	ID    string
	SKU   string
	Aisle int
	mu    sync.Mutex
	qty   int
}

// Qty returns the bin's quantity on hand.
func (b *Bin) Qty() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.qty
}

// Warehouse indexes the bins by SKU.
type Warehouse struct {
	bySKU map[string][]*Bin
}

// NewWarehouse returns a warehouse with the given bins; a SKU's bins are kept in pick
// order (nearest aisle first).
func NewWarehouse(bins []*Bin, qty []int) *Warehouse {
	w := &Warehouse{bySKU: map[string][]*Bin{}}
	for i, b := range bins {
		b.qty = qty[i]
		w.bySKU[b.SKU] = append(w.bySKU[b.SKU], b)
	}
	for _, list := range w.bySKU {
		sort.Slice(list, func(i, j int) bool { return list[i].Aisle < list[j].Aisle })
	}
	return w
}

// Bins returns the SKU's bins in pick order. The slice must not be modified.
func (w *Warehouse) Bins(sku string) []*Bin { return w.bySKU[sku] }

// Take removes up to want units from the bin and returns how many it took.
func (w *Warehouse) Take(b *Bin, want int) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := want
	if n > b.qty {
		n = b.qty
	}
	b.qty -= n
	return n
}

// Put returns n units to the bin (a rollback or a receipt).
func (w *Warehouse) Put(b *Bin, n int) {
	b.mu.Lock()
	b.qty += n
	b.mu.Unlock()
}
