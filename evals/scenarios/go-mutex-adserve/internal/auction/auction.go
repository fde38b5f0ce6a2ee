// Package auction chooses the creative shown in a slot.
package auction

import (
	"sort"

	"github.com/acme/adserve/internal/campaigns"
	"github.com/acme/adserve/internal/randsrc"
)

// Pick rotates the eligible creatives: they are visited in a random order (so creatives of
// equal weight share impressions fairly) and the best-weighted of the first few wins.
func Pick(src *randsrc.Source, eligible []campaigns.Creative, fanout int) (campaigns.Creative, bool) {
	if len(eligible) == 0 {
		return campaigns.Creative{}, false
	}
	order := src.Perm(len(eligible))
	if fanout > len(order) {
		fanout = len(order)
	}
	short := make([]campaigns.Creative, 0, fanout)
	for _, i := range order[:fanout] {
		short = append(short, eligible[i])
	}
	sort.SliceStable(short, func(a, b int) bool { return short[a].Weight > short[b].Weight })
	return short[0], true
}
