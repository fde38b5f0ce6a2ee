// Package earning works out how many points a till basket earns.
package earning

import "strings"

// Line is one item of a basket.
type Line struct {
	SKU      string
	Category string
	Cents    int64
	Qty      int
}

// Campaign boosts points for a category (or every category when empty).
type Campaign struct {
	Code       string
	Category   string
	Multiplier float64
	MinSpend   int64
}

// Rules are the programme's earning rules.
type Rules struct {
	PointsPerEuro float64
	Category      map[string]float64 // multiplier per category; missing is 1
	Excluded      map[string]bool    // categories that earn nothing (tobacco, lottery, deposits)
	Campaigns     []Campaign
}

// Basket is one till transaction.
type Basket struct {
	Store  string
	Member string
	Lines  []Line
}

// Total returns the basket's value in cents.
func (b Basket) Total() int64 {
	var t int64
	for _, l := range b.Lines {
		t += l.Cents * int64(l.Qty)
	}
	return t
}

// Points returns the points a basket earns and the campaigns that applied.
func (r *Rules) Points(b Basket) (int64, []string) {
	total := b.Total()
	var pts float64
	var applied []string
	for _, l := range b.Lines {
		cat := strings.ToLower(l.Category)
		if r.Excluded[cat] {
			continue
		}
		m := 1.0
		if cm, ok := r.Category[cat]; ok {
			m = cm
		}
		for _, c := range r.Campaigns {
			if (c.Category == "" || c.Category == cat) && total >= c.MinSpend {
				m *= c.Multiplier
				applied = append(applied, c.Code)
			}
		}
		pts += float64(l.Cents*int64(l.Qty)) / 100 * r.PointsPerEuro * m
	}
	return int64(pts), applied
}
