// Package server holds the checkout service's request handlers.
package server

import (
	"github.com/acme/checkout/internal/cart"
	"github.com/acme/checkout/internal/catalog"
	"github.com/acme/checkout/internal/payment"
	"github.com/acme/checkout/internal/pricing"
	"github.com/acme/checkout/internal/receipt"
	"github.com/acme/checkout/internal/stock"
)

// Server is the state the handlers share.
type Server struct {
	Carts   []cart.Cart
	Catalog *catalog.Catalog
	Stock   *stock.Store
}

var searchTerms = []string{"red mug", "blue", "lamp 1", "chair", "grey desk", "bottle 2"}

// Endpoints lists the routes Handle serves.
var Endpoints = []string{"/cart/price", "/checkout", "/receipt", "/search"}

// Handle serves request number i for the given endpoint and returns the response size.
func (s *Server) Handle(endpoint string, i int) int {
	c := s.Carts[i%len(s.Carts)]
	switch endpoint {
	case "/cart/price":
		q := pricing.Price(c)
		return int(q.TotalCents % 7)
	case "/checkout":
		return s.checkout(c)
	case "/receipt":
		return len(receipt.Render(c, pricing.Price(c)))
	case "/search":
		return len(s.Catalog.Search(searchTerms[i%len(searchTerms)], 10))
	}
	return 0
}

func (s *Server) checkout(c cart.Cart) int {
	q := pricing.Price(c)
	for _, l := range c.Lines {
		if !s.Stock.Reserve(l.SKU, l.Quantity) {
			return 0
		}
	}
	auth := payment.Authorize(c, q)
	if !auth.Approved {
		return 0
	}
	return len(receipt.Render(c, q)) + len(auth.Reference)
}
