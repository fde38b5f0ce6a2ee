// Package tolling prices gantry passages against the road's tariff.
package tolling

import (
	"fmt"
	"time"
)

// Class is the vehicle class read by the gantry's axle counter.
type Class int

const (
	Car Class = iota + 1
	Van
	Truck2Axle
	Truck4Axle
	Motorcycle
)

// Passage is one vehicle passing one gantry.
type Passage struct {
	Plate   string
	Gantry  string
	Class   Class
	At      time.Time
	Account string // registered account id, empty for unregistered vehicles
	Token   string // stored card token of the account
}

// Tariff is the price table of one road section.
type Tariff struct {
	Section  string
	BaseCts  map[Class]int64
	PeakFrom int // hour of day, local time
	PeakTo   int
	PeakPct  int64 // surcharge in percent during peak hours
	NightPct int64 // discount in percent between 22:00 and 06:00
	Currency string
	Merchant string
}

// Price returns the amount in cents for a passage.
func (t *Tariff) Price(p Passage) (int64, error) {
	base, ok := t.BaseCts[p.Class]
	if !ok {
		return 0, fmt.Errorf("tolling: section %s has no tariff for class %d", t.Section, p.Class)
	}
	h := p.At.Hour()
	switch {
	case h >= t.PeakFrom && h < t.PeakTo:
		base += base * t.PeakPct / 100
	case h >= 22 || h < 6:
		base -= base * t.NightPct / 100
	}
	return base, nil
}

// Reference is the charge reference printed on the customer's statement.
func Reference(p Passage) string {
	return fmt.Sprintf("%s-%s-%s", p.Gantry, p.At.UTC().Format("20060102T150405"), p.Plate)
}
