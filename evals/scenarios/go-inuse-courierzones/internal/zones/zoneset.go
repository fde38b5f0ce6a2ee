// Package zones holds the loaded zone set and the version the service answers from.
package zones

import (
	"math"

	"github.com/acme/courierzones/internal/geo"
	"github.com/acme/courierzones/internal/zonefeed"
)

// gridCells is the lookup grid's size per axis.
const gridCells = 64

// Set is one loaded revision of the zone document with its lookup grid.
type Set struct {
	Revision int
	Zones    []zonefeed.Zone
	bounds   geo.Box
	cells    [gridCells * gridCells][]int32 // zone indexes whose box overlaps the cell

	prev *Set // the version this one replaced
}

// Build indexes a decoded document.
func Build(doc *zonefeed.Document) *Set {
	s := &Set{Revision: doc.Revision, Zones: doc.Zones}
	if len(doc.Zones) == 0 {
		return s
	}
	s.bounds = doc.Zones[0].Area.Bounds
	for _, z := range doc.Zones[1:] {
		b := z.Area.Bounds
		s.bounds.Min.Lat = math.Min(s.bounds.Min.Lat, b.Min.Lat)
		s.bounds.Min.Lng = math.Min(s.bounds.Min.Lng, b.Min.Lng)
		s.bounds.Max.Lat = math.Max(s.bounds.Max.Lat, b.Max.Lat)
		s.bounds.Max.Lng = math.Max(s.bounds.Max.Lng, b.Max.Lng)
	}
	for i, z := range doc.Zones {
		x0, y0 := s.cell(z.Area.Bounds.Min)
		x1, y1 := s.cell(z.Area.Bounds.Max)
		for x := x0; x <= x1; x++ {
			for y := y0; y <= y1; y++ {
				s.cells[x*gridCells+y] = append(s.cells[x*gridCells+y], int32(i))
			}
		}
	}
	return s
}

func (s *Set) cell(p geo.Point) (int, int) {
	fx := (p.Lat - s.bounds.Min.Lat) / (s.bounds.Max.Lat - s.bounds.Min.Lat + 1e-12)
	fy := (p.Lng - s.bounds.Min.Lng) / (s.bounds.Max.Lng - s.bounds.Min.Lng + 1e-12)
	x, y := int(fx*gridCells), int(fy*gridCells)
	return clamp(x), clamp(y)
}

func clamp(i int) int {
	if i < 0 {
		return 0
	}
	if i >= gridCells {
		return gridCells - 1
	}
	return i
}

// Lookup returns the zone serving p, or nil when p is outside every zone.
func (s *Set) Lookup(p geo.Point) *zonefeed.Zone {
	if !s.bounds.Contains(p) {
		return nil
	}
	x, y := s.cell(p)
	for _, i := range s.cells[x*gridCells+y] {
		if s.Zones[i].Area.Contains(p) {
			return &s.Zones[i]
		}
	}
	return nil
}
