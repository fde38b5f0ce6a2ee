// Package search finds products by approximate name.
package search

import "strings"

// Catalog is the list of searchable product names.
type Catalog struct {
	Names []string
}

// Best returns the product name closest to query.
func (c *Catalog) Best(query string) string {
	q := strings.ToLower(query)
	best, bestDist := "", -1
	for _, name := range c.Names {
		d := levenshtein(q, strings.ToLower(name))
		if bestDist < 0 || d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// levenshtein returns the edit distance between a and b.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min3(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func min3(a, b, c int) int {
	if b < a {
		a = b
	}
	if c < a {
		a = c
	}
	return a
}
