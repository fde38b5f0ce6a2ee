// Package geo has the planar geometry the zone lookup needs.
package geo

import "math"

// Point is a WGS84 position (degrees).
type Point struct {
	Lat, Lng float64
}

// Box is an axis-aligned bounding box.
type Box struct {
	Min, Max Point
}

// Contains reports whether p lies inside the box.
func (b Box) Contains(p Point) bool {
	return p.Lat >= b.Min.Lat && p.Lat <= b.Max.Lat && p.Lng >= b.Min.Lng && p.Lng <= b.Max.Lng
}

// Polygon is a closed ring of points (the last point connects to the first).
type Polygon struct {
	Points []Point
	Bounds Box
}

// ComputeBounds sets the polygon's bounding box.
func (pg *Polygon) ComputeBounds() {
	if len(pg.Points) == 0 {
		return
	}
	b := Box{Min: pg.Points[0], Max: pg.Points[0]}
	for _, p := range pg.Points[1:] {
		b.Min.Lat, b.Max.Lat = math.Min(b.Min.Lat, p.Lat), math.Max(b.Max.Lat, p.Lat)
		b.Min.Lng, b.Max.Lng = math.Min(b.Min.Lng, p.Lng), math.Max(b.Max.Lng, p.Lng)
	}
	pg.Bounds = b
}

// Contains reports whether p lies inside the polygon (even-odd ray casting).
func (pg *Polygon) Contains(p Point) bool {
	if !pg.Bounds.Contains(p) {
		return false
	}
	in := false
	pts := pg.Points
	j := len(pts) - 1
	for i := range pts {
		a, b := pts[i], pts[j]
		if (a.Lat > p.Lat) != (b.Lat > p.Lat) &&
			p.Lng < (b.Lng-a.Lng)*(p.Lat-a.Lat)/(b.Lat-a.Lat)+a.Lng {
			in = !in
		}
		j = i
	}
	return in
}
