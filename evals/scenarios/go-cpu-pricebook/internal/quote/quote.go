// Package quote prices baskets.
package quote

import "github.com/acme/pricebook/internal/book"

// Item is a basket line.
type Item struct {
	SKU string
	Qty int
}

// Quote is the price of a basket.
type Quote struct {
	TotalCents int64
	Unknown    []string
}

// Basket prices the items with the tier price when the quantity fills a pack.
func Basket(b *book.Book, items []Item) (Quote, error) {
	table, err := b.Table()
	if err != nil {
		return Quote{}, err
	}
	var q Quote
	for _, it := range items {
		p, err := book.Lookup(table, it.SKU)
		if err != nil {
			q.Unknown = append(q.Unknown, it.SKU)
			continue
		}
		unit := p.ListCents
		if p.Pack > 1 && it.Qty >= p.Pack {
			unit = p.TierCents
		}
		q.TotalCents += unit * int64(it.Qty)
	}
	return q, nil
}
