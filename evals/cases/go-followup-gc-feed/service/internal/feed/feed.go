// Package feed renders the warehouse activity feed shown to shift leads.
package feed

import (
	"fmt"
	"sort"
	"strings"
)

// Event is one thing that happened in the warehouse.
type Event struct {
	ID       int
	Kind     string
	SKU      string
	Location string
	Qty      int
}

// Store keeps every event of the current shift in memory.
type Store struct {
	Events []*Event
	byKind map[string][]*Event
}

// NewStore returns a store holding n synthetic events.
func NewStore(n int) *Store {
	kinds := []string{"picked", "packed", "received", "moved", "counted"}
	s := &Store{byKind: make(map[string][]*Event)}
	for i := 0; i < n; i++ {
		e := &Event{ID: i, Kind: kinds[i%len(kinds)], SKU: fmt.Sprintf("SKU-%05d", i%40000), Location: fmt.Sprintf("A-%02d-%03d", i%40, i%997), Qty: 1 + i%9}
		s.Events = append(s.Events, e)
		s.byKind[e.Kind] = append(s.byKind[e.Kind], e)
	}
	return s
}

// Page renders the newest `size` events of a kind, newest first, as feed lines.
func (s *Store) Page(kind string, offset, size int) []string {
	events := s.byKind[kind]
	var lines []string
	for i := 0; i < size && offset+i < len(events); i++ {
		lines = append(lines, describe(events[len(events)-1-offset-i]))
	}
	sort.Strings(lines)
	return lines
}

// describe turns an event into a feed line with its tags.
func describe(e *Event) string {
	tags := map[string]string{
		"kind":     e.Kind,
		"sku":      e.SKU,
		"location": e.Location,
		"qty":      fmt.Sprint(e.Qty),
		"aisle":    strings.SplitN(e.Location, "-", 3)[1],
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+tags[k])
	}
	return fmt.Sprintf("#%d %s", e.ID, strings.Join(parts, " "))
}
