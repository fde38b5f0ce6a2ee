// Package merge merges shard results.
package merge

import (
	"sort"

	"github.com/acme/aggregator/internal/shard"
)

// Top returns the k best hits of all lists.
func Top(lists [][]shard.Hit, k int) []shard.Hit {
	var all []shard.Hit
	for _, l := range lists {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	if len(all) > k {
		all = all[:k]
	}
	return all
}
