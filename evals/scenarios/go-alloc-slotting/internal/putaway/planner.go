// Package putaway suggests storage slots for inbound pallets.
package putaway

import (
	"errors"
	"sort"

	"github.com/acme/slotting/internal/layout"
	"github.com/acme/slotting/internal/scoring"
)

// ErrZoneFull is returned when no slot of the zone has free capacity.
var ErrZoneFull = errors.New("no free slot in zone")

// Pallet is an inbound pallet waiting at the dock.
type Pallet struct {
	LPN   string // licence plate number
	SKU   string
	Zone  string
	Class layout.Velocity
}

// Suggestion is one slot proposed to the driver.
type Suggestion struct {
	SlotID string
	Travel int
	Score  float64
}

// Planner suggests slots.
type Planner struct {
	Layout  *layout.Layout
	Weights scoring.Weights
	Choices int // how many suggestions the terminal shows
}

type candidate struct {
	slot   *layout.Slot
	travel int
	score  float64
}

// Suggest returns the best Choices slots for the pallet, best first.
func (p *Planner) Suggest(pl Pallet) ([]Suggestion, error) {
	z := p.Layout.Zones[pl.Zone]
	if z == nil {
		return nil, errors.New("unknown zone " + pl.Zone)
	}
	cands := make([]*candidate, 0, z.Len())
	z.Each(func(s *layout.Slot) {
		t := scoring.Travel(z.DockBay, s)
		cands = append(cands, &candidate{slot: s, travel: t, score: p.Weights.Score(t, s, pl.Class)})
	})
	if len(cands) == 0 {
		return nil, ErrZoneFull
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].score < cands[j].score })
	n := p.Choices
	if n > len(cands) {
		n = len(cands)
	}
	out := make([]Suggestion, n)
	for i := 0; i < n; i++ {
		out[i] = Suggestion{SlotID: cands[i].slot.ID, Travel: cands[i].travel, Score: cands[i].score}
	}
	return out, nil
}

// Putaway suggests slots for the pallet and reserves the first that is still free.
func (p *Planner) Putaway(pl Pallet) (Suggestion, error) {
	sugg, err := p.Suggest(pl)
	if err != nil {
		return Suggestion{}, err
	}
	z := p.Layout.Zones[pl.Zone]
	for _, s := range sugg {
		if z.Reserve(s.SlotID) {
			return s, nil
		}
	}
	return Suggestion{}, ErrZoneFull
}
