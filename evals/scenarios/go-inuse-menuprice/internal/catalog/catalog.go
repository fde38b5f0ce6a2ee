// Package catalog holds the stores, their menus and their price schedules.
package catalog

import (
	"fmt"
	"math/rand"
)

// Item is one menu item with its base price in cents.
type Item struct {
	SKU         string
	Name        string
	Description string
	Section     string
	BaseCents   int64
	Allergens   []string
	Modifiers   []string
}

// Window is a time-of-day price rule: between From and To (minutes after midnight) the
// items of Section cost Percent of their base price.
type Window struct {
	Name     string
	Section  string
	From, To int
	Percent  int64
}

// Store is one restaurant.
type Store struct {
	ID       string
	TZOffset int // minutes east of UTC
	Items    []Item
	Windows  []Window
}

// Catalog is every store.
type Catalog struct {
	stores map[string]*Store
	ids    []string
}

var sections = []string{"burgers", "wraps", "salads", "sides", "drinks", "desserts", "kids"}
var allergens = []string{"gluten", "milk", "egg", "soy", "sesame", "mustard", "celery", "nuts"}

// Synthetic builds n stores with itemsPerStore items each.
func Synthetic(n, itemsPerStore int, seed int64) *Catalog {
	r := rand.New(rand.NewSource(seed))
	c := &Catalog{stores: make(map[string]*Store, n)}
	for s := 0; s < n; s++ {
		st := &Store{ID: fmt.Sprintf("st-%03d", s), TZOffset: 60 * r.Intn(3)}
		for i := 0; i < itemsPerStore; i++ {
			sec := sections[r.Intn(len(sections))]
			it := Item{
				SKU:         fmt.Sprintf("%s-%04d", sec[:3], i),
				Name:        fmt.Sprintf("%s special no. %d", sec, i),
				Description: "Made fresh in store with locally sourced ingredients; ask staff about today's options and portion sizes.",
				Section:     sec,
				BaseCents:   int64(199 + r.Intn(1200)),
			}
			for a := 0; a < 1+r.Intn(3); a++ {
				it.Allergens = append(it.Allergens, allergens[r.Intn(len(allergens))])
			}
			for m := 0; m < r.Intn(4); m++ {
				it.Modifiers = append(it.Modifiers, fmt.Sprintf("extra-%d", m))
			}
			st.Items = append(st.Items, it)
		}
		st.Windows = []Window{
			{Name: "lunch", Section: "burgers", From: 11 * 60, To: 14 * 60, Percent: 85},
			{Name: "happy-hour", Section: "drinks", From: 16 * 60, To: 18 * 60, Percent: 50},
			{Name: "late", Section: "desserts", From: 21 * 60, To: 23 * 60, Percent: 70},
		}
		c.stores[st.ID] = st
		c.ids = append(c.ids, st.ID)
	}
	return c
}

// Store returns the store with the id.
func (c *Catalog) Store(id string) (*Store, bool) {
	s, ok := c.stores[id]
	return s, ok
}

// IDs lists the store ids.
func (c *Catalog) IDs() []string { return append([]string(nil), c.ids...) }
