// Package catalog answers product searches.
package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Product is one article of the catalog.
type Product struct {
	SKU   string
	Name  string
	Score int
}

// Catalog is the searchable product list.
type Catalog struct {
	Products []Product
}

// Synthetic returns a catalog of n products.
func Synthetic(n int) *Catalog {
	adjectives := []string{"red", "blue", "green", "black", "white", "grey"}
	nouns := []string{"mug", "shirt", "lamp", "chair", "desk", "bottle", "bag"}
	c := &Catalog{}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("%s %s %d", adjectives[i%len(adjectives)], nouns[(i/7)%len(nouns)], i)
		c.Products = append(c.Products, Product{SKU: fmt.Sprintf("SKU-%04d", i), Name: name, Score: (i * 7919) % 1000})
	}
	return c
}

// Search returns the best `limit` products whose name contains term, ranked by score and
// then by name so that equal scores always come back in the same order.
func (c *Catalog) Search(term string, limit int) []Product {
	var matches []Product
	for _, p := range c.Products {
		if strings.Contains(p.Name, term) {
			matches = append(matches, p)
		}
	}
	sort.SliceStable(matches, func(i, j int) bool {
		if matches[i].Score != matches[j].Score {
			return matches[i].Score > matches[j].Score
		}
		return matches[i].Name < matches[j].Name
	})
	if len(matches) > limit {
		matches = matches[:limit]
	}
	return matches
}
