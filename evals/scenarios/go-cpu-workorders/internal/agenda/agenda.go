// Package agenda builds a technician's agenda: active work orders, most urgent first.
package agenda

import (
	"sort"
	"time"

	"github.com/acme/workorders/internal/orders"
)

// Entry is one row of the agenda as the mobile app shows it.
type Entry struct {
	ID       int64  `json:"id"`
	Site     string `json:"site"`
	Kind     string `json:"kind"`
	Due      string `json:"due"`
	Overdue  bool   `json:"overdue"`
	Priority int    `json:"priority"`
	Minutes  int    `json:"minutes"`
}

// Page is one page of a technician's agenda.
type Page struct {
	Technician string  `json:"technician"`
	Total      int     `json:"total"`
	Overdue    int     `json:"overdue"`
	Entries    []Entry `json:"entries"`
}

// Service answers agenda requests from the store.
type Service struct {
	Store    *orders.Store
	PageSize int
}

// Agenda returns the first page of the technician's active orders sorted by due time.
func (s *Service) Agenda(tech string, now time.Time) Page {
	active := s.Store.ActiveFor(tech)
	sortByDue(active)
	p := Page{Technician: tech, Total: len(active)}
	size := s.PageSize
	if size <= 0 || size > len(active) {
		size = len(active)
	}
	p.Entries = make([]Entry, 0, size)
	for i, o := range active {
		due, err := time.Parse(time.RFC3339, o.DueAt)
		overdue := err == nil && due.Before(now)
		if overdue {
			p.Overdue++
		}
		if i < size {
			p.Entries = append(p.Entries, Entry{
				ID: o.ID, Site: o.Site, Kind: o.Kind, Due: o.DueAt, Overdue: overdue,
				Priority: o.Priority, Minutes: o.Duration,
			})
		}
	}
	return p
}

// sortByDue orders the list by due time, then priority, then id.
func sortByDue(list []*orders.Order) {
	sort.Slice(list, func(i, j int) bool { return dueBefore(list[i], list[j]) })
}

// dueBefore reports whether a is due before b (ties: higher priority, then lower id).
func dueBefore(a, b *orders.Order) bool {
	ta, errA := time.Parse(time.RFC3339, a.DueAt)
	tb, errB := time.Parse(time.RFC3339, b.DueAt)
	if errA != nil || errB != nil {
		// Orders with an unreadable due time go last.
		return errA == nil
	}
	if !ta.Equal(tb) {
		return ta.Before(tb)
	}
	if a.Priority != b.Priority {
		return a.Priority > b.Priority
	}
	return a.ID < b.ID
}
