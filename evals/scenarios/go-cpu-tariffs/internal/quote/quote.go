// Package quote quotes parcels across carriers.
package quote

import (
	"sort"

	"github.com/acme/tariffs/internal/tariff"
)

// Parcel is what checkout asks to ship.
type Parcel struct {
	Zone   string
	Grams  int
	Remote bool
}

// Quoter asks every carrier for a rate.
type Quoter struct {
	Carriers []*tariff.Carrier
}

// Quote returns the available rates for p, cheapest first.
func (q *Quoter) Quote(p Parcel) ([]tariff.Rate, error) {
	var rates []tariff.Rate
	for _, c := range q.Carriers {
		r, err := c.Price(p.Zone, p.Grams, p.Remote)
		if err == tariff.ErrNoRate {
			continue
		}
		if err != nil {
			return nil, err
		}
		rates = append(rates, r)
	}
	sort.Slice(rates, func(i, j int) bool { return rates[i].Cents < rates[j].Cents })
	return rates, nil
}
