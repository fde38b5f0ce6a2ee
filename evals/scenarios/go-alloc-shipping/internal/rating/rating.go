// Package rating rates parcel batches against the lane tariffs.
package rating

import (
	"fmt"

	"github.com/acme/shipping/internal/parcel"
	"github.com/acme/shipping/internal/tariff"
)

// Quote is the chosen service for one parcel.
type Quote struct {
	Parcel  uint64
	Service string
	Carrier string
	Cents   int64
	Days    int
}

// Rater rates parcels.
type Rater struct {
	Tariffs tariff.Table
	MaxDays int // the service level the merchant promised
}

// Batch appends to dst the cheapest quote within MaxDays for every parcel it can rate.
func (r *Rater) Batch(dst []Quote, parcels []parcel.Parcel) []Quote {
	for i := range parcels {
		p := &parcels[i]
		class := parcel.WeightClass(p)
		best := Quote{Parcel: p.ID, Cents: -1}
		for _, svc := range tariff.Services {
			rate, ok := r.Tariffs[fmt.Sprintf("%s:%s:%s:%d", p.Origin, p.Dest, svc, class)]
			if !ok || rate.Days > r.MaxDays {
				continue
			}
			if best.Cents < 0 || rate.Cents < best.Cents {
				best.Service, best.Carrier, best.Cents, best.Days = svc, rate.Carrier, rate.Cents, rate.Days
			}
		}
		if best.Cents >= 0 {
			dst = append(dst, best)
		}
	}
	return dst
}
