// Package ledger keeps the weekly hours per technician and project.
package ledger

import (
	"sync"
	"time"

	"github.com/acme/timesheets/internal/timesheet"
)

// Week identifies an ISO week.
type Week struct{ Year, Week int }

// Totals are one technician's minutes in one week.
type Totals struct {
	Minutes   int
	Overtime  int
	ByProject map[string]int
}

// Ledger aggregates imported entries.
type Ledger struct {
	mu    sync.Mutex
	weeks map[string]map[Week]*Totals
	lines int
}

// New returns an empty ledger.
func New() *Ledger { return &Ledger{weeks: make(map[string]map[Week]*Totals)} }

// Book adds the entries of one upload; an upload replaces nothing, corrections come as
// negative hours from the back office.
func (l *Ledger) Book(entries []timesheet.Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range entries {
		byWeek := l.weeks[e.Technician]
		if byWeek == nil {
			byWeek = make(map[Week]*Totals)
			l.weeks[e.Technician] = byWeek
		}
		y, w := e.Day.ISOWeek()
		t := byWeek[Week{y, w}]
		if t == nil {
			t = &Totals{ByProject: make(map[string]int)}
			byWeek[Week{y, w}] = t
		}
		t.Minutes += e.Minutes
		if e.Overtime {
			t.Overtime += e.Minutes
		}
		t.ByProject[e.Project] += e.Minutes
		l.lines++
	}
}

// OverLimit returns the technicians above limit minutes in the week containing day.
func (l *Ledger) OverLimit(day time.Time, limit int) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	y, w := day.ISOWeek()
	var out []string
	for tech, byWeek := range l.weeks {
		if t := byWeek[Week{y, w}]; t != nil && t.Minutes > limit {
			out = append(out, tech)
		}
	}
	return out
}

// Lines reports how many entries were booked.
func (l *Ledger) Lines() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lines
}
