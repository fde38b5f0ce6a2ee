// Package graph holds who follows whom.
package graph

import "math/rand"

// Graph maps a member to the authors they follow.
type Graph struct {
	follows [][]int
}

// Generate returns a graph of members members following between lo and hi of authors authors.
func Generate(members, authors, lo, hi int, seed int64) *Graph {
	r := rand.New(rand.NewSource(seed))
	g := &Graph{follows: make([][]int, members)}
	for m := range g.follows {
		n := lo + r.Intn(hi-lo)
		fs := make([]int, n)
		for i := range fs {
			fs[i] = r.Intn(authors)
		}
		g.follows[m] = fs
	}
	return g
}

// Following returns the authors member follows.
func (g *Graph) Following(member int) []int { return g.follows[member] }

// Members returns the number of members.
func (g *Graph) Members() int { return len(g.follows) }
