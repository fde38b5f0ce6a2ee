// Package convert converts amounts between currencies.
package convert

import (
	"math"

	"github.com/acme/fx/internal/currency"
	"github.com/acme/fx/internal/rates"
)

// Converter converts amounts with live quotes, falling back to the last known rate.
type Converter struct {
	Rates *rates.Client
	last  map[currency.Pair]float64
}

// NewConverter returns a converter with fallback rates.
func NewConverter(c *rates.Client) *Converter {
	last := map[currency.Pair]float64{}
	for _, p := range currency.Supported {
		last[p] = 1
	}
	return &Converter{Rates: c, last: last}
}

// Convert returns cents of p.Base expressed in p.Quote cents and whether the rate was live.
func (cv *Converter) Convert(p currency.Pair, cents int64) (int64, bool) {
	rate, live := cv.last[p], false
	if q, err := cv.Rates.Quote(p); err == nil {
		rate, live = q.Ask, true
		cv.last[p] = rate
	}
	return int64(math.Round(float64(cents) * rate)), live
}
