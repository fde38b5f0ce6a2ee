// Package upstream simulates the log stream shipped by node agents.
package upstream

import (
	"fmt"
	"math/rand"
)

var (
	services = []string{"checkout", "search", "catalog", "payments", "auth", "shipping", "reviews", "pricing"}
	levels   = []string{"INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "INFO", "INFO", "INFO"}
)

// Stream is an endless io.Reader of log lines.
type Stream struct {
	r    *rand.Rand
	buf  []byte
	seq  int
	rate int
}

// NewStream returns a stream where about one line in errorEvery is an error.
func NewStream(seed int64, errorEvery int) *Stream {
	return &Stream{r: rand.New(rand.NewSource(seed)), rate: errorEvery}
}

// Read fills p with log lines.
func (s *Stream) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(s.buf) == 0 {
			s.seq++
			lvl := levels[s.r.Intn(len(levels))]
			if s.r.Intn(s.rate) == 0 {
				lvl = "ERROR"
			}
			s.buf = []byte(fmt.Sprintf("2026-01-14T10:%02d:%02d.%03dZ %s %s req=%08x msg=\"handled request %d in %dms\"\n",
				s.seq/60000%60, s.seq/1000%60, s.seq%1000, lvl, services[s.r.Intn(len(services))], s.r.Uint32(), s.seq, s.r.Intn(900)))
		}
		c := copy(p[n:], s.buf)
		s.buf = s.buf[c:]
		n += c
	}
	return n, nil
}
