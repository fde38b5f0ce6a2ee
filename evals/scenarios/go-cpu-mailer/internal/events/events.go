// Package events defines the shop events that trigger e-mails.
package events

import "time"

// Item is one line of an order.
type Item struct {
	Name      string
	Qty       int
	UnitCents int64
}

// Event is a shop event addressed to a customer.
type Event struct {
	Kind     string // order_placed, order_shipped, password_reset
	To       string
	Name     string
	Locale   string
	OrderID  string
	Items    []Item
	Carrier  string
	Tracking string
	ResetURL string
	At       time.Time
}
