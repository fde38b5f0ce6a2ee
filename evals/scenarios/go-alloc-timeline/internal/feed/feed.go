// Package feed assembles home feeds.
package feed

import (
	"sort"

	"github.com/acme/timeline/internal/graph"
	"github.com/acme/timeline/internal/posts"
)

// Builder builds home feeds from the follow graph and the post store.
type Builder struct {
	Graph *graph.Graph
	Posts *posts.Store
}

// Home returns the newest limit posts of the authors member follows.
func (b *Builder) Home(member, limit int) []posts.Post {
	var items []posts.Post
	for _, author := range b.Graph.Following(member) {
		for _, p := range b.Posts.Recent(author) {
			if p.Sensitive {
				continue
			}
			items = append(items, p)
		}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].CreatedMs > items[j].CreatedMs })
	if len(items) > limit {
		items = items[:limit]
	}
	return items
}
