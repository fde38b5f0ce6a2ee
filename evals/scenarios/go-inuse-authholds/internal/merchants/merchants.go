// Package merchants is the directory of merchants the processor serves.
package merchants

import (
	"fmt"
	"math/rand"
)

// Merchant is one card acceptor.
type Merchant struct {
	ID       uint32
	Name     string
	MCC      uint16
	Currency string
	Acquirer string
}

// Directory holds merchants by id.
type Directory struct {
	byID map[uint32]*Merchant
	ids  []uint32
}

var currencies = []string{"EUR", "GBP", "USD", "SEK", "PLN"}
var acquirers = []string{"ACQ-NORTH", "ACQ-WEST", "ACQ-SOUTH"}

// Synthetic returns a directory of n merchants.
func Synthetic(n int, seed int64) *Directory {
	r := rand.New(rand.NewSource(seed))
	d := &Directory{byID: make(map[uint32]*Merchant, n)}
	for i := 0; i < n; i++ {
		id := uint32(700000 + i)
		d.byID[id] = &Merchant{
			ID:       id,
			Name:     fmt.Sprintf("merchant %d", id),
			MCC:      uint16(5000 + r.Intn(1000)),
			Currency: currencies[r.Intn(len(currencies))],
			Acquirer: acquirers[r.Intn(len(acquirers))],
		}
		d.ids = append(d.ids, id)
	}
	return d
}

// Get returns the merchant with id, or nil.
func (d *Directory) Get(id uint32) *Merchant { return d.byID[id] }

// Random returns a random merchant.
func (d *Directory) Random(r *rand.Rand) *Merchant { return d.byID[d.ids[r.Intn(len(d.ids))]] }
