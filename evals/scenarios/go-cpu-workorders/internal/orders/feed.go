package orders

import (
	"encoding/json"
	"fmt"
	"strings"
)

// feedRecord is one line of the CRM's work order feed.
type feedRecord struct {
	ID       int64  `json:"id"`
	Site     string `json:"site"`
	Assignee string `json:"assignee"`
	Type     string `json:"type"`
	Priority string `json:"priority"`
	State    string `json:"state"`
	Due      string `json:"due"`
	Notes    string `json:"notes"`
	Minutes  int    `json:"minutes"`
}

var priorities = map[string]int{"low": 1, "normal": 2, "high": 3, "emergency": 4}

var states = map[string]Status{
	"open": Open, "en_route": EnRoute, "on_site": OnSite, "done": Done, "cancelled": Cancelled,
}

// Decode turns one feed line into an order. The due time is kept as the CRM wrote it so
// the app shows it in the site's own offset.
func Decode(line []byte) (*Order, error) {
	var r feedRecord
	if err := json.Unmarshal(line, &r); err != nil {
		return nil, err
	}
	p, ok := priorities[strings.ToLower(r.Priority)]
	if !ok {
		return nil, fmt.Errorf("order %d: unknown priority %q", r.ID, r.Priority)
	}
	st, ok := states[strings.ToLower(r.State)]
	if !ok {
		return nil, fmt.Errorf("order %d: unknown state %q", r.ID, r.State)
	}
	if r.Due == "" {
		return nil, fmt.Errorf("order %d: no due time", r.ID)
	}
	return &Order{
		ID: r.ID, Site: r.Site, Technician: r.Assignee, Kind: r.Type, Priority: p,
		Status: st, DueAt: r.Due, Notes: r.Notes, Duration: r.Minutes,
	}, nil
}

// Ingest decodes a feed batch (one JSON object per line) into the store.
func Ingest(s *Store, batch []byte) (int, error) {
	n := 0
	for _, line := range strings.Split(string(batch), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		o, err := Decode([]byte(line))
		if err != nil {
			return n, err
		}
		s.Put(o)
		n++
	}
	return n, nil
}
