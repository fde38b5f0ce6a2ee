// Package aggregate rolls samples up per series.
package aggregate

import "github.com/acme/rollup/internal/sample"

type acc struct {
	count    int64
	sum      float64
	min, max float64
	first    int64
	last     int64
}

// Rollup returns one point per series of batch, in order of first appearance.
func Rollup(batch []sample.Sample, out []sample.Point) []sample.Point {
	bySeries := map[string]acc{}
	order := make([]string, 0, 64)
	for _, s := range batch {
		a, ok := bySeries[s.Series]
		if !ok {
			a = acc{min: s.Value, max: s.Value, first: s.TimeMs}
			order = append(order, s.Series)
		}
		a.count++
		a.sum += s.Value
		if s.Value < a.min {
			a.min = s.Value
		}
		if s.Value > a.max {
			a.max = s.Value
		}
		a.last = s.TimeMs
		bySeries[s.Series] = a
	}
	out = out[:0]
	for _, k := range order {
		a := bySeries[k]
		out = append(out, sample.Point{Series: k, Count: a.count, Sum: a.sum, Min: a.min, Max: a.max, FirstMs: a.first, LastMs: a.last})
	}
	return out
}
