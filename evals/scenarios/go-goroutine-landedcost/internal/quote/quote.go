// Package quote works out the landed cost of a cross-border basket.
package quote

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/acme/landedcost/internal/tariffs"
)

// Destination is what an importing country charges.
type Destination struct {
	Country      string
	Currency     string
	VATPercent   float64
	DeMinimis    int64 // cents (EUR): below this customs value no duty is due
	CIF          bool  // customs value includes shipping and insurance
	ClearanceFee int64 // carrier's fee, cents (EUR)
}

// Item is one basket line.
type Item struct {
	SKU   string
	HS    string // six-digit tariff code
	Cents int64  // unit price, EUR
	Qty   int
}

// Basket is what the shopper is buying.
type Basket struct {
	To       string
	Items    []Item
	Shipping int64 // cents, EUR
}

// Quote is the landed cost shown at checkout.
type Quote struct {
	Goods, Duty, VAT, Fees, Total int64 // cents, EUR
	Local                         float64
	Currency                      string
}

// Calculator prices baskets.
type Calculator struct {
	Tariffs      *tariffs.Client
	Destinations map[string]Destination
	FX           map[string]float64 // EUR -> currency
}

// Price returns the landed cost of b.
func (c *Calculator) Price(ctx context.Context, b Basket) (Quote, error) {
	d, ok := c.Destinations[b.To]
	if !ok {
		return Quote{}, fmt.Errorf("quote: no destination %q", b.To)
	}
	var q Quote
	for _, it := range b.Items {
		q.Goods += it.Cents * int64(it.Qty)
	}
	customs := q.Goods
	if d.CIF {
		customs += b.Shipping
	}
	if customs >= d.DeMinimis {
		rates, err := c.Tariffs.Rates(ctx, d.Country, codes(b.Items))
		if err != nil {
			return Quote{}, err
		}
		for _, it := range b.Items {
			r, ok := rates[it.HS]
			if !ok {
				return Quote{}, fmt.Errorf("quote: no rate for %s into %s", it.HS, d.Country)
			}
			q.Duty += int64(math.Round(float64(it.Cents*int64(it.Qty)) * r.Percent / 100))
		}
		q.Fees = d.ClearanceFee
	}
	q.VAT = int64(math.Round(float64(customs+q.Duty) * d.VATPercent / 100))
	q.Total = q.Goods + b.Shipping + q.Duty + q.VAT + q.Fees
	q.Currency = d.Currency
	q.Local = float64(q.Total) / 100 * c.FX[d.Currency]
	return q, nil
}

// codes returns the basket's distinct tariff codes, sorted.
func codes(items []Item) []string {
	seen := make(map[string]bool, len(items))
	var out []string
	for _, it := range items {
		if !seen[it.HS] {
			seen[it.HS] = true
			out = append(out, it.HS)
		}
	}
	sort.Strings(out)
	return out
}
