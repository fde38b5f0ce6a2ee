// Package parcel describes the parcels to ship.
package parcel

// Parcel is one parcel of a shipment batch.
type Parcel struct {
	ID     uint64
	Origin string // warehouse code
	Dest   string // destination postal zone
	Grams  int
	Volume int // cm³
}

// WeightClass returns the tariff weight class of a parcel: the billable weight (the larger of
// the actual and the volumetric weight) in 500 g steps.
func WeightClass(p *Parcel) int {
	billable := p.Grams
	if vol := p.Volume / 5; vol > billable {
		billable = vol
	}
	return (billable + 499) / 500
}
