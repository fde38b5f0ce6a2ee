// Package campaigns holds campaign definitions.
package campaigns

import (
	"fmt"
	"math/rand"
)

// Channel is how a campaign reaches users.
type Channel int

const (
	Email Channel = iota
	Push
	SMS
)

// Campaign targets the union of its include segments minus its exclude segments.
type Campaign struct {
	ID       string
	Channel  Channel
	Include  []string
	Exclude  []string
	MaxSends int
}

// Synthetic returns n campaigns over the given segment names.
func Synthetic(n int, segmentNames []string, seed int64) []Campaign {
	r := rand.New(rand.NewSource(seed))
	pick := func(k int) []string {
		out := make([]string, 0, k)
		for len(out) < k {
			out = append(out, segmentNames[r.Intn(len(segmentNames))])
		}
		return out
	}
	cs := make([]Campaign, n)
	for i := range cs {
		cs[i] = Campaign{
			ID:       fmt.Sprintf("cmp-%04d", 2000+i),
			Channel:  Channel(r.Intn(3)),
			Include:  pick(2 + r.Intn(4)),
			Exclude:  pick(r.Intn(2)),
			MaxSends: 2 + r.Intn(3),
		}
	}
	return cs
}
