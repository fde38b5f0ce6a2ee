// Package delivery renders and delivers webhook events.
package delivery

import (
	"encoding/json"
	"time"

	"github.com/acme/webhooks/internal/signing"
)

// Event is an order or payment event.
type Event struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Created int64  `json:"created"`
	Data    Order  `json:"data"`
}

// Order is the object of an order event.
type Order struct {
	Object   string `json:"object"`
	Currency string `json:"currency"`
	Customer string `json:"customer"`
	Items    []Item `json:"items"`
}

// Item is an order line.
type Item struct {
	SKU         string `json:"sku"`
	Qty         int    `json:"qty"`
	UnitAmount  int    `json:"unit_amount"`
	Description string `json:"description"`
}

// Request is a webhook request ready to send.
type Request struct {
	URL       string
	Signature string
	Body      []byte
}

// Render builds the signed request of ev for endpoint url.
func Render(url string, ev *Event, now time.Time) (Request, error) {
	body, err := json.Marshal(ev)
	if err != nil {
		return Request{}, err
	}
	return Request{URL: url, Signature: signing.Signature(now.Unix(), body), Body: body}, nil
}
