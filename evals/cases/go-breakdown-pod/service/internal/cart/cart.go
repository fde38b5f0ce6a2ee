// Package cart holds the shopping cart model.
package cart

import (
	"fmt"
	"math/rand"
)

// Line is one product in a cart.
type Line struct {
	SKU        string
	Quantity   int
	PriceCents int64
}

// Cart is what a customer is about to buy.
type Cart struct {
	ID       string
	Customer string
	Region   string
	Coupons  []string
	Lines    []Line
}

var regions = []string{"DE", "FR", "NL", "US-CA", "US-NY"}

var couponCodes = []string{"SAVE10-AB12", "FREESHIP-77XZ", "VIP2024-QQ01", "save15-zz99", "BOGUS", "VIP99-1234"}

// Synthetic returns n reproducible carts of up to maxLines lines each.
func Synthetic(n, maxLines int, seed int64) []Cart {
	r := rand.New(rand.NewSource(seed))
	carts := make([]Cart, n)
	for i := range carts {
		c := Cart{
			ID:       fmt.Sprintf("cart-%05d", i),
			Customer: fmt.Sprintf("cust-%04d", r.Intn(2000)),
			Region:   regions[r.Intn(len(regions))],
		}
		for j := r.Intn(3); j > 0; j-- {
			c.Coupons = append(c.Coupons, couponCodes[r.Intn(len(couponCodes))])
		}
		for j := 1 + r.Intn(maxLines); j > 0; j-- {
			c.Lines = append(c.Lines, Line{
				SKU:        fmt.Sprintf("SKU-%04d", r.Intn(5000)),
				Quantity:   1 + r.Intn(4),
				PriceCents: int64(199 + r.Intn(20000)),
			})
		}
		carts[i] = c
	}
	return carts
}
