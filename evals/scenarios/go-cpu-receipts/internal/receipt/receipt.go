// Package receipt keeps the receipts of completed sales.
package receipt

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"sync"
	"time"
)

// Line is one item of a receipt.
type Line struct {
	SKU      string `json:"sku"`
	Name     string `json:"name"`
	Qty      int    `json:"qty"`
	UnitCent int64  `json:"unit_cents"`
}

// Receipt is a completed sale.
type Receipt struct {
	ID       string    `json:"id"`
	Store    string    `json:"store"`
	Till     int       `json:"till"`
	At       time.Time `json:"at"`
	Lines    []Line    `json:"lines"`
	TotalCnt int64     `json:"total_cents"`
	Payment  string    `json:"payment"`
}

// Store holds receipts by id.
type Store struct {
	mu   sync.RWMutex
	byID map[string]*Receipt
	ids  []string
}

var products = []string{"Oat milk 1l", "Sourdough loaf", "Espresso beans 250g", "Bananas", "Greek yoghurt", "Sparkling water", "Dark chocolate", "Free-range eggs x6"}

// Generate returns a store with n synthetic receipts.
func Generate(n int, seed int64) *Store {
	r := rand.New(rand.NewSource(seed))
	s := &Store{byID: make(map[string]*Receipt, n)}
	base := time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		rc := &Receipt{
			ID: fmt.Sprintf("rcp-%08d", i), Store: fmt.Sprintf("store-%03d", r.Intn(120)), Till: 1 + r.Intn(8),
			At: base.Add(time.Duration(r.Intn(86400*5)) * time.Second), Payment: []string{"card", "cash", "wallet"}[r.Intn(3)],
		}
		for j := 0; j < 1+r.Intn(5); j++ {
			p := r.Intn(len(products))
			l := Line{SKU: fmt.Sprintf("SKU-%05d", p*131+r.Intn(100)), Name: products[p], Qty: 1 + r.Intn(3), UnitCent: int64(99 + r.Intn(900))}
			rc.Lines = append(rc.Lines, l)
			rc.TotalCnt += int64(l.Qty) * l.UnitCent
		}
		s.byID[rc.ID] = rc
		s.ids = append(s.ids, rc.ID)
	}
	return s
}

// IDs returns the ids of all receipts.
func (s *Store) IDs() []string { return s.ids }

// Document returns the JSON document of receipt id.
func (s *Store) Document(id string) ([]byte, bool) {
	s.mu.RLock()
	rc, ok := s.byID[id]
	s.mu.RUnlock()
	if !ok {
		return nil, false
	}
	doc, err := json.Marshal(rc)
	if err != nil {
		return nil, false
	}
	return doc, true
}
