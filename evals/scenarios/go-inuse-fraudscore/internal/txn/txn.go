// Package txn describes card authorisation requests.
package txn

import "time"

// Auth is one authorisation request.
type Auth struct {
	ID       uint64
	Card     string // the card's token, never the PAN
	Merchant string
	MCC      int // merchant category code
	Country  string
	Cents    int64
	At       time.Time
	Online   bool
}
