// Package sink forwards roll-up points to the long-term store.
package sink

import (
	"math"
	"strconv"

	"github.com/acme/rollup/internal/sample"
)

// Sink encodes points in the store's line protocol.
type Sink struct {
	buf     []byte
	Points  int64
	Written int64
}

// Write encodes and forwards points.
func (s *Sink) Write(points []sample.Point) {
	s.buf = s.buf[:0]
	for _, p := range points {
		s.buf = append(s.buf, p.Series...)
		s.buf = append(s.buf, ' ')
		s.buf = strconv.AppendInt(s.buf, p.Count, 10)
		s.buf = append(s.buf, ' ')
		s.buf = strconv.AppendFloat(s.buf, math.Round(p.Sum*1000)/1000, 'f', -1, 64)
		s.buf = append(s.buf, ' ')
		s.buf = strconv.AppendInt(s.buf, p.LastMs, 10)
		s.buf = append(s.buf, '\n')
	}
	s.Points += int64(len(points))
	s.Written += int64(len(s.buf))
}
