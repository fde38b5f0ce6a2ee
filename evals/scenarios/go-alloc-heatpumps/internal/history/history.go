// Package history keeps the recent readings of one unit.
package history

// Channel is one measured quantity of a unit.
type Channel int

const (
	Supply Channel = iota // flow temperature, °C
	Return                // return temperature, °C
	Power                 // compressor input, W
	Heat                  // heat output, W
	numChannels
)

// Keep is how many readings per channel are kept (about two hours at 5 s).
const Keep = 1440

// History is a unit's recent readings, oldest first.
type History struct {
	vals [numChannels][]float64
	n    int
}

// New returns an empty history.
func New() *History {
	h := &History{}
	for c := range h.vals {
		h.vals[c] = make([]float64, 0, 2*Keep)
	}
	return h
}

// Add appends one reading; values older than Keep are dropped now and then.
func (h *History) Add(supply, ret, power, heat float64) {
	for c, v := range [numChannels]float64{supply, ret, power, heat} {
		s := append(h.vals[c], v)
		if len(s) == cap(s) {
			s = s[:copy(s, s[len(s)-Keep:])]
		}
		h.vals[c] = s
	}
	h.n++
}

// Len is the number of readings kept per channel.
func (h *History) Len() int { return len(h.vals[Supply]) }

// Count is the number of readings ever added.
func (h *History) Count() int { return h.n }

// Latest returns the newest value of a channel.
func (h *History) Latest(c Channel) float64 {
	s := h.vals[c]
	return s[len(s)-1]
}

// Last returns the newest n values of a channel, oldest first.
func (h *History) Last(c Channel, n int) []float64 {
	s := h.vals[c]
	if n > len(s) {
		n = len(s)
	}
	out := make([]float64, n)
	copy(out, s[len(s)-n:])
	return out
}
