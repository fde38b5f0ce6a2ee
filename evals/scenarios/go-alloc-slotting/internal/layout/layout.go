// Package layout models the warehouse: zones of aisles, bays and levels of slots.
package layout

import (
	"fmt"
	"math/rand"
	"sync"
)

// Velocity is the ABC class of a slot or an item (A = fastest movers).
type Velocity byte

// Velocity classes.
const (
	ClassA Velocity = 'A'
	ClassB Velocity = 'B'
	ClassC Velocity = 'C'
)

// Slot is one storage location.
type Slot struct {
	ID       string
	Aisle    int
	Bay      int
	Level    int
	Class    Velocity
	Capacity int // pallet positions
	Used     int
}

// Free returns the slot's free pallet positions.
func (s *Slot) Free() int { return s.Capacity - s.Used }

// Zone is a temperature or hazard zone with its own slots and dock door.
type Zone struct {
	Name     string
	DockBay  int
	mu       sync.Mutex
	slots    []Slot
	occupied int
}

// Layout is the set of zones.
type Layout struct {
	Zones map[string]*Zone
}

// Generate builds a layout with the given zones, each of aisles x bays x levels slots,
// about half full.
func Generate(seed int64, zones []string, aisles, bays, levels int) *Layout {
	r := rand.New(rand.NewSource(seed))
	l := &Layout{Zones: make(map[string]*Zone, len(zones))}
	for _, name := range zones {
		z := &Zone{Name: name, DockBay: bays / 2}
		for a := 0; a < aisles; a++ {
			for b := 0; b < bays; b++ {
				for lv := 0; lv < levels; lv++ {
					class := ClassC
					switch {
					case lv == 0 && a < aisles/3:
						class = ClassA
					case lv <= 1:
						class = ClassB
					}
					capacity := 2 + r.Intn(3)
					z.slots = append(z.slots, Slot{
						ID:    fmt.Sprintf("%s-%02d-%03d-%d", name, a, b, lv),
						Aisle: a, Bay: b, Level: lv, Class: class,
						Capacity: capacity, Used: r.Intn(capacity + 1),
					})
				}
			}
		}
		l.Zones[name] = z
	}
	return l
}

// Each calls fn for every slot of the zone with free capacity, under the zone's lock.
func (z *Zone) Each(fn func(s *Slot)) {
	z.mu.Lock()
	defer z.mu.Unlock()
	for i := range z.slots {
		if z.slots[i].Free() > 0 {
			fn(&z.slots[i])
		}
	}
}

// Reserve takes one pallet position in the slot with the given ID; it reports false
// when the slot has filled up meanwhile.
func (z *Zone) Reserve(id string) bool {
	z.mu.Lock()
	defer z.mu.Unlock()
	for i := range z.slots {
		s := &z.slots[i]
		if s.ID == id {
			if s.Free() == 0 {
				return false
			}
			s.Used++
			z.occupied++
			return true
		}
	}
	return false
}

// Release frees one pallet position (a pallet was picked out of the slot).
func (z *Zone) Release(i int) {
	z.mu.Lock()
	defer z.mu.Unlock()
	s := &z.slots[i%len(z.slots)]
	if s.Used > 0 {
		s.Used--
	}
}

// Len returns the number of slots in the zone.
func (z *Zone) Len() int { return len(z.slots) }
