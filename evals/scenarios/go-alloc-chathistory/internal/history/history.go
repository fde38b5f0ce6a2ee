// Package history pages backwards through a channel.
package history

import (
	"github.com/acme/chathistory/internal/store"
)

// MaxPage is the largest page a client may ask for.
const MaxPage = 500

// Query asks for the messages before a cursor.
type Query struct {
	Channel string
	Before  int64 // exclusive; 0 means "from the newest"
	Limit   int
	Viewer  string
	Muted   map[string]bool
}

// Page is one page of results, newest first.
type Page struct {
	Messages []store.Message
	Next     int64 // cursor for the following (older) page, 0 when exhausted
}

// Pager reads pages from a store.
type Pager struct {
	Store *store.Store
}

// Earlier returns up to q.Limit messages older than q.Before, newest first,
// skipping authors the viewer has muted.
func (p *Pager) Earlier(q Query) Page {
	limit := q.Limit
	if limit <= 0 || limit > MaxPage {
		limit = MaxPage
	}
	before := q.Before
	if before <= 0 {
		before = p.Store.Latest(q.Channel) + 1
	}
	from := before - int64(limit)
	var out []store.Message
	p.Store.Range(q.Channel, from, before, func(m *store.Message) {
		if q.Muted[m.Author] {
			return
		}
		out = append([]store.Message{*m}, out...)
	})
	page := Page{Messages: out}
	if from > 1 {
		page.Next = from
	}
	return page
}
