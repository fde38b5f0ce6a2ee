// Package audience resolves campaigns into the users to message.
package audience

import (
	"errors"

	"github.com/acme/audience/internal/campaigns"
	"github.com/acme/audience/internal/segments"
)

// ErrUnknownSegment is returned when a campaign names a segment that does not exist.
var ErrUnknownSegment = errors.New("audience: unknown segment")

// Resolver turns campaign targeting into user lists.
type Resolver struct {
	Segments   *segments.Store
	Suppressed map[segments.UserID]bool
}

// Result is a resolved audience.
type Result struct {
	Campaign string
	Users    []segments.UserID
	Excluded int
}

// Resolve returns the users a campaign targets: the union of its include
// segments, without its exclude segments and the global suppression list.
func (r *Resolver) Resolve(c *campaigns.Campaign) (Result, error) {
	res := Result{Campaign: c.ID}
	var users []segments.UserID
	for _, name := range c.Include {
		seg := r.Segments.Get(name)
		if seg == nil {
			return res, ErrUnknownSegment
		}
		users = mergeMembers(users, seg.Members)
	}
	excluded := make(map[segments.UserID]bool)
	for _, name := range c.Exclude {
		seg := r.Segments.Get(name)
		if seg == nil {
			return res, ErrUnknownSegment
		}
		for _, u := range seg.Members {
			excluded[u] = true
		}
	}
	out := users[:0]
	for _, u := range users {
		if excluded[u] || r.Suppressed[u] {
			res.Excluded++
			continue
		}
		out = append(out, u)
	}
	res.Users = out
	return res, nil
}

// mergeMembers appends the members not yet in users, keeping the first-seen order
// (delivery sends in segment priority order).
func mergeMembers(users, members []segments.UserID) []segments.UserID {
	for _, m := range members {
		dup := false
		for _, u := range users {
			if u == m {
				dup = true
				break
			}
		}
		if !dup {
			users = append(users, m)
		}
	}
	return users
}
