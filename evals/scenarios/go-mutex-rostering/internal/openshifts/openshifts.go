// Package openshifts lists the open shifts a staff member can pick up.
package openshifts

import (
	"sort"

	"github.com/acme/rostering/internal/roster"
)

// Request is the staff app's query.
type Request struct {
	Worker string
	Sites  []string
	Roles  []string
	Limit  int
}

// Listing answers open-shift queries from the roster.
type Listing struct {
	Roster *roster.Roster
}

// Open returns the open shifts at the requested sites and roles, earliest first.
func (l *Listing) Open(req Request) []roster.Shift {
	sites := make(map[string]bool, len(req.Sites))
	for _, s := range req.Sites {
		sites[s] = true
	}
	roles := make(map[string]bool, len(req.Roles))
	for _, r := range req.Roles {
		roles[r] = true
	}
	var out []roster.Shift
	for _, s := range l.Roster.Snapshot() {
		if s.Worker != "" || !sites[s.Site] {
			continue
		}
		if len(roles) > 0 && !roles[s.Role] {
			continue
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].ID < out[j].ID
	})
	if req.Limit > 0 && len(out) > req.Limit {
		out = out[:req.Limit]
	}
	return out
}
