// Package pricing turns carts into priced quotes.
package pricing

import (
	"regexp"
	"strings"

	"github.com/acme/checkout/internal/cart"
)

// Quote is the priced result for one cart.
type Quote struct {
	CartID        string
	SubtotalCents int64
	DiscountCents int64
	TaxCents      int64
	TotalCents    int64
}

// couponPattern describes the coupon codes marketing issues.
const couponPattern = `^(?i)(SAVE|FREESHIP|VIP)([0-9]{2,4})-([A-Z0-9]{4})$`

// couponRE is compiled once: compiling costs far more than matching.
var couponRE = regexp.MustCompile(couponPattern)

var taxRates = map[string]float64{"DE": 0.19, "FR": 0.20, "NL": 0.21, "US-CA": 0.0725, "US-NY": 0.04}

// Price computes the quote for c.
func Price(c cart.Cart) Quote {
	q := Quote{CartID: c.ID}
	for _, l := range c.Lines {
		q.SubtotalCents += int64(l.Quantity) * l.PriceCents
	}
	for _, code := range c.Coupons {
		q.DiscountCents += discount(code, q.SubtotalCents)
	}
	q.DiscountCents += bulkDiscount(c.Lines)
	if q.DiscountCents > q.SubtotalCents {
		q.DiscountCents = q.SubtotalCents
	}
	taxable := q.SubtotalCents - q.DiscountCents
	q.TaxCents = int64(float64(taxable) * taxRates[c.Region])
	q.TotalCents = taxable + q.TaxCents
	return q
}

// discount returns the discount a coupon code gives on subtotal.
func discount(code string, subtotal int64) int64 {
	kind, ok := validCoupon(code)
	if !ok {
		return 0
	}
	switch kind {
	case "SAVE":
		return subtotal / 10
	case "VIP":
		return subtotal / 5
	default:
		return 499
	}
}

// validCoupon checks a coupon code and returns its kind.
func validCoupon(code string) (string, bool) {
	m := couponRE.FindStringSubmatch(strings.TrimSpace(code))
	if m == nil {
		return "", false
	}
	return strings.ToUpper(m[1]), true
}

// bulkDiscount gives 2% off every line whose SKU appears more than once in the cart
// (business customers order the same article for several cost centres).
func bulkDiscount(lines []cart.Line) int64 {
	var off int64
	for i, a := range lines {
		repeats := 0
		for j, b := range lines {
			if i != j && strings.EqualFold(a.SKU, b.SKU) {
				repeats++
			}
		}
		if repeats > 0 {
			off += int64(a.Quantity) * a.PriceCents / 50
		}
	}
	return off
}
