// Package api serves the contacts list endpoint.
package api

import (
	"strconv"
	"strings"
	"time"

	"github.com/acme/contacts/internal/crm"
	"github.com/acme/contacts/internal/mapper"
)

// ContactView is a contact as the public API shows it.
type ContactView struct {
	ID          int64
	AccountID   int64
	OwnerID     int64
	FirstName   string
	LastName    string
	Title       string
	Department  string
	Email       string
	Phone       string
	Mobile      string
	City        string
	PostalCode  string
	Region      string
	Country     string
	Language    string
	TimeZone    string
	Stage       string
	Score       int
	OptIn       bool
	DoNotCall   bool
	Created     time.Time
	Modified    time.Time
	Segment     string
	Revenue     float64
	DisplayName string
}

// ListResponse is a page of contacts.
type ListResponse struct {
	Items      []ContactView
	NextCursor string
}

// Lister answers GET /v1/contacts?account=&cursor=&limit=.
type Lister struct {
	Table *crm.Table
}

// List returns one page of contacts of the account.
func (l *Lister) List(account int64, cursor string, limit int) (ListResponse, error) {
	offset, _ := strconv.Atoi(cursor)
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows := l.Table.Page(account, offset, limit)
	var items []ContactView
	if err := mapper.CopyAll(&items, rows); err != nil {
		return ListResponse{}, err
	}
	for i := range items {
		items[i].DisplayName = strings.TrimSpace(items[i].FirstName + " " + items[i].LastName)
	}
	next := ""
	if len(rows) == limit {
		next = strconv.Itoa(offset + limit)
	}
	return ListResponse{Items: items, NextCursor: next}, nil
}
