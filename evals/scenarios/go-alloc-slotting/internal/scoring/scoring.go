// Package scoring rates how good a slot is for an inbound pallet.
package scoring

import "github.com/acme/slotting/internal/layout"

// Weights tune the slot score; lower scores are better.
type Weights struct {
	TravelPerBay   float64
	TravelPerAisle float64
	LevelPenalty   float64 // reach-truck time per level above ground
	ClassMismatch  float64
	FillBonus      float64 // prefer topping up partly used slots
}

// Default are the weights the operations team settled on.
var Default = Weights{TravelPerBay: 1.0, TravelPerAisle: 2.5, LevelPenalty: 6, ClassMismatch: 40, FillBonus: 8}

// Travel is the driving distance in bays from the dock to the slot.
func Travel(dockBay int, s *layout.Slot) int {
	d := s.Bay - dockBay
	if d < 0 {
		d = -d
	}
	return d + 3*s.Aisle
}

// Score rates the slot for a pallet of the given velocity class.
func (w Weights) Score(travel int, s *layout.Slot, class layout.Velocity) float64 {
	score := w.TravelPerBay*float64(travel) + w.TravelPerAisle*float64(s.Aisle) +
		w.LevelPenalty*float64(s.Level)
	if s.Class != class {
		diff := int(s.Class) - int(class)
		if diff < 0 {
			diff = -diff
		}
		score += w.ClassMismatch * float64(diff)
	}
	if s.Used > 0 {
		score -= w.FillBonus * float64(s.Used) / float64(s.Capacity)
	}
	return score
}
