// Package crm holds contact records as the CRM store returns them.
package crm

import (
	"fmt"
	"math/rand"
	"time"
)

// Contact is one row of the contacts table.
type Contact struct {
	ID            int64
	AccountID     int64
	OwnerID       int64
	FirstName     string
	LastName      string
	Title         string
	Department    string
	Email         string
	Phone         string
	Mobile        string
	Street        string
	City          string
	PostalCode    string
	Region        string
	Country       string
	Language      string
	TimeZone      string
	LeadSource    string
	Stage         string
	Score         int
	OptIn         bool
	DoNotCall     bool
	Created       time.Time
	Modified      time.Time
	LastContacted time.Time
	Notes         string
	InternalFlags uint32
	ExternalRef   string
	Segment       string
	Revenue       float64
}

// Table is an in-memory copy of the contacts table, ordered by ID.
type Table struct {
	Rows []Contact
}

var cities = []string{"Berlin", "Munich", "Hamburg", "Vienna", "Zurich", "Lyon", "Milan", "Porto"}
var stages = []string{"lead", "qualified", "proposal", "customer", "churned"}

// Generate returns a table of n synthetic contacts.
func Generate(n int, seed int64) *Table {
	r := rand.New(rand.NewSource(seed))
	t := &Table{Rows: make([]Contact, n)}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range t.Rows {
		c := &t.Rows[i]
		c.ID = int64(100000 + i)
		c.AccountID = int64(r.Intn(5000))
		c.OwnerID = int64(r.Intn(80))
		c.FirstName = fmt.Sprintf("First%d", r.Intn(900))
		c.LastName = fmt.Sprintf("Last%d", r.Intn(4000))
		c.Title = "Head of Procurement"
		c.Department = "Operations"
		c.Email = fmt.Sprintf("contact%d@customer-%d.example", i, c.AccountID)
		c.Phone = fmt.Sprintf("+49 30 %07d", r.Intn(10000000))
		c.City = cities[r.Intn(len(cities))]
		c.Country = "DE"
		c.Language = "de"
		c.TimeZone = "Europe/Berlin"
		c.Stage = stages[r.Intn(len(stages))]
		c.Score = r.Intn(100)
		c.OptIn = r.Intn(2) == 0
		c.Created = base.Add(time.Duration(r.Intn(700*24)) * time.Hour)
		c.Modified = c.Created.Add(time.Duration(r.Intn(2000)) * time.Hour)
		c.Notes = "met at trade fair; prefers email"
		c.Revenue = float64(r.Intn(2000000)) / 100
	}
	return t
}

// Page returns up to limit rows of the account, starting after row offset.
func (t *Table) Page(account int64, offset, limit int) []Contact {
	var out []Contact
	for i := offset; i < len(t.Rows) && len(out) < limit; i++ {
		if account == 0 || t.Rows[i].AccountID == account {
			out = append(out, t.Rows[i])
		}
	}
	return out
}
