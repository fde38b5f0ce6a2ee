// Package sample defines metric samples and roll-up points.
package sample

// Sample is one measurement of one series.
type Sample struct {
	Series string // canonical series id: name{labels}
	Value  float64
	TimeMs int64
}

// Point is the roll-up of one series over a batch.
type Point struct {
	Series   string
	Count    int64
	Sum      float64
	Min, Max float64
	FirstMs  int64
	LastMs   int64
}
