// Package accounts holds the overdue accounts the scheduler hands over.
package accounts

import (
	"fmt"
	"math/rand"
	"time"
)

// Invoice is one unpaid invoice.
type Invoice struct {
	Number   string
	Issued   time.Time
	Due      time.Time
	Amount   int64 // minor units
	Currency string
}

// Account is a customer with overdue invoices.
type Account struct {
	ID       string
	Company  string
	Contact  string
	Email    string
	Locale   string
	Plan     string
	Stage    int
	Invoices []Invoice
}

var (
	locales    = []string{"en", "de", "fr", "es"}
	plans      = []string{"starter", "team", "business", "enterprise"}
	currencies = []string{"EUR", "USD", "GBP"}
	companies  = []string{"Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Soylent", "Acme"}
)

// Generate returns a batch of n overdue accounts.
func Generate(r *rand.Rand, n int) []Account {
	now := time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)
	out := make([]Account, n)
	for i := range out {
		a := &out[i]
		a.ID = fmt.Sprintf("acct-%06d", r.Intn(1000000))
		a.Company = companies[r.Intn(len(companies))] + " " + []string{"GmbH", "Ltd", "SA", "Inc"}[r.Intn(4)]
		a.Contact = "Accounts Payable"
		a.Email = fmt.Sprintf("ap+%d@example.com", r.Intn(10000))
		a.Locale = locales[r.Intn(len(locales))]
		a.Plan = plans[r.Intn(len(plans))]
		a.Stage = 1 + r.Intn(3)
		cur := currencies[r.Intn(len(currencies))]
		for k := 0; k < 1+r.Intn(3); k++ {
			issued := now.AddDate(0, -1-r.Intn(4), -r.Intn(20))
			a.Invoices = append(a.Invoices, Invoice{
				Number:   fmt.Sprintf("INV-%d-%05d", issued.Year(), r.Intn(100000)),
				Issued:   issued,
				Due:      issued.AddDate(0, 0, 30),
				Amount:   int64(1000 + r.Intn(500000)),
				Currency: cur,
			})
		}
	}
	return out
}

// Total is the amount owed over all invoices.
func (a *Account) Total() int64 {
	var t int64
	for _, inv := range a.Invoices {
		t += inv.Amount
	}
	return t
}
