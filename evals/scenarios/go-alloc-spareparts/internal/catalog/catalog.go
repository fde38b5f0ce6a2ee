// Package catalog holds the depot's parts catalogue and stock levels.
package catalog

import (
	"fmt"
	"math/rand"
	"sync"
)

// Part is one catalogue entry.
type Part struct {
	Number    string
	Name      string
	Category  string
	Bin       string   // storage location, e.g. "A-12-3"
	Fits      []string // machine models the part fits
	UnitCents int64
	OnHand    int
	Reserved  int
	Supplier  string
	LeadDays  int
}

// Available is the stock that is not reserved yet.
func (p *Part) Available() int { return p.OnHand - p.Reserved }

// Catalog is the depot's catalogue. Reads vastly outnumber writes (stock moves).
type Catalog struct {
	mu    sync.RWMutex
	parts []Part
	index map[string]int // part number -> position in parts
}

// All returns the catalogue's parts. The slice is the caller's own copy, so a caller can
// neither see a half-applied stock move nor change the catalogue by writing to it.
func (c *Catalog) All() []Part {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]Part, len(c.parts))
	copy(out, c.parts)
	return out
}

// Get returns one part by number.
func (c *Catalog) Get(number string) (Part, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	i, ok := c.index[number]
	if !ok {
		return Part{}, false
	}
	return c.parts[i], true
}

// Reserve moves qty of a part from available to reserved.
func (c *Catalog) Reserve(number string, qty int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	i, ok := c.index[number]
	if !ok {
		return fmt.Errorf("unknown part %s", number)
	}
	p := &c.parts[i]
	if p.Available() < qty {
		return fmt.Errorf("part %s: %d available, %d asked", number, p.Available(), qty)
	}
	p.Reserved += qty
	return nil
}

// Release gives a reservation back (the repair did not need it).
func (c *Catalog) Release(number string, qty int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.index[number]; ok && c.parts[i].Reserved >= qty {
		c.parts[i].Reserved -= qty
	}
}

var (
	categories = []string{"hydraulics", "filters", "belts", "bearings", "electrical", "seals", "tracks", "engine"}
	models     = []string{"EX-210", "EX-350", "MX-45", "TL-8", "SK-75", "WL-120", "CP-30", "DM-900", "GH-14", "RT-60"}
	suppliers  = []string{"Nordhaus Parts", "Parker & Sons", "TrackLine", "Sealco", "Volt Supply"}
)

// Synthetic returns a catalogue of n parts.
func Synthetic(n int, seed int64) *Catalog {
	r := rand.New(rand.NewSource(seed))
	c := &Catalog{parts: make([]Part, n), index: make(map[string]int, n)}
	for i := range c.parts {
		cat := categories[r.Intn(len(categories))]
		fits := make([]string, 1+r.Intn(3))
		for j := range fits {
			fits[j] = models[r.Intn(len(models))]
		}
		c.parts[i] = Part{
			Number:    fmt.Sprintf("P%06d", 100000+i),
			Name:      fmt.Sprintf("%s part %d", cat, i),
			Category:  cat,
			Bin:       fmt.Sprintf("%c-%02d-%d", 'A'+r.Intn(8), r.Intn(40), r.Intn(6)),
			Fits:      fits,
			UnitCents: int64(200 + r.Intn(90000)),
			OnHand:    r.Intn(40),
			Supplier:  suppliers[r.Intn(len(suppliers))],
			LeadDays:  1 + r.Intn(20),
		}
		c.index[c.parts[i].Number] = i
	}
	return c
}

// Bins returns the storage bins in use.
func (c *Catalog) Bins() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	seen := make(map[string]bool)
	var bins []string
	for i := range c.parts {
		if b := c.parts[i].Bin; !seen[b] {
			seen[b] = true
			bins = append(bins, b)
		}
	}
	return bins
}

// Models returns the machine models the catalogue knows.
func Models() []string { return models }
