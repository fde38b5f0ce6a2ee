// Package catalog holds the products and their co-view neighbours.
package catalog

import (
	"fmt"
	"math/rand"
)

// Product is a product of the shop.
type Product struct {
	ID        int
	Title     string
	PriceCent int64
	Image     string
	Neighbors []int
}

// Catalog is the product list indexed by id.
type Catalog struct {
	Products []Product
}

// Generate returns a catalog of n products with k co-view neighbours each.
func Generate(n, k int, seed int64) *Catalog {
	r := rand.New(rand.NewSource(seed))
	c := &Catalog{Products: make([]Product, n)}
	for i := range c.Products {
		p := Product{ID: i, Title: fmt.Sprintf("Product %d – organic cotton, size %d", i, 36+r.Intn(10)), PriceCent: int64(499 + r.Intn(20000))}
		p.Image = fmt.Sprintf("https://cdn.acme.example/img/%06d/main-800x800.webp", i)
		for j := 0; j < k; j++ {
			p.Neighbors = append(p.Neighbors, r.Intn(n))
		}
		c.Products[i] = p
	}
	return c
}
