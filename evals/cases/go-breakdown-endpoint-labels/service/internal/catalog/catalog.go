// Package catalog answers product searches.
package catalog

import (
	"fmt"
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

// Search returns the best `limit` products whose name contains term.
func (c *Catalog) Search(term string, limit int) []Product {
	var best []Product
	for _, p := range c.Products {
		if !strings.Contains(p.Name, term) {
			continue
		}
		best = insertTop(best, p, limit)
	}
	return best
}

// insertTop keeps best sorted by descending score with at most limit entries.
func insertTop(best []Product, p Product, limit int) []Product {
	i := len(best)
	for i > 0 && best[i-1].Score < p.Score {
		i--
	}
	if i >= limit {
		return best
	}
	if len(best) < limit {
		best = append(best, Product{})
	}
	copy(best[i+1:], best[i:])
	best[i] = p
	return best
}
