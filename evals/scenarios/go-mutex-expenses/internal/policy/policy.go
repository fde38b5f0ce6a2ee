// Package policy checks claims against the travel and expense policy.
package policy

import (
	"errors"
	"fmt"
)

// Claim is one expense claim line as the app submits it.
type Claim struct {
	ID         string
	Employee   string
	Centre     string
	Category   string
	Cents      int64
	HasReceipt bool
	Nights     int // hotel claims
	Attendees  int // meal claims
}

// ErrNeedsReceipt is returned for claims above the receipt threshold without one.
var ErrNeedsReceipt = errors.New("policy: receipt required")

// ReceiptThresholdCents is the amount above which a receipt must be attached.
const ReceiptThresholdCents = 2500

// Limits are the per-category caps.
type Limits struct {
	PerNightCents    int64
	PerAttendeeCents int64
	Caps             map[string]int64
}

// Default is the company policy.
var Default = Limits{
	PerNightCents:    18000,
	PerAttendeeCents: 6000,
	Caps:             map[string]int64{"travel": 150000, "software": 50000, "training": 200000, "supplies": 20000, "mileage": 40000},
}

// Check returns nil when the claim is within policy.
func (l Limits) Check(c Claim) error {
	if c.Cents <= 0 {
		return fmt.Errorf("policy: claim %s has no amount", c.ID)
	}
	if c.Cents > ReceiptThresholdCents && !c.HasReceipt {
		return ErrNeedsReceipt
	}
	switch c.Category {
	case "hotel":
		if c.Nights <= 0 || c.Cents > int64(c.Nights)*l.PerNightCents {
			return fmt.Errorf("policy: hotel claim %s above %d per night", c.ID, l.PerNightCents)
		}
	case "meals":
		if c.Attendees <= 0 || c.Cents > int64(c.Attendees)*l.PerAttendeeCents {
			return fmt.Errorf("policy: meal claim %s above %d per attendee", c.ID, l.PerAttendeeCents)
		}
	default:
		if limit, ok := l.Caps[c.Category]; ok && c.Cents > limit {
			return fmt.Errorf("policy: %s claim %s above cap %d", c.Category, c.ID, limit)
		}
	}
	return nil
}
