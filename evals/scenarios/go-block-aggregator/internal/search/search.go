// Package search implements the search endpoint.
package search

import (
	"sync"

	"github.com/acme/aggregator/internal/merge"
	"github.com/acme/aggregator/internal/shard"
)

// Searcher fans queries out to all shards.
type Searcher struct {
	Shards []*shard.Client
	Page   int
}

// Search returns the first page of hits for q.
func (s *Searcher) Search(q string) []shard.Hit {
	results := make([][]shard.Hit, len(s.Shards))
	var wg sync.WaitGroup
	for i, c := range s.Shards {
		wg.Add(1)
		go func(i int, c *shard.Client) {
			defer wg.Done()
			results[i] = c.Query(q, s.Page)
		}(i, c)
	}
	wg.Wait()
	return merge.Top(results, s.Page)
}
