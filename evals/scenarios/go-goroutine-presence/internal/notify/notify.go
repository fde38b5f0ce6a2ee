// Package notify tells contacts about status changes.
package notify

import "sync/atomic"

// Change is a status change of a user.
type Change struct {
	User   int64
	Online bool
}

// Notifier counts the notifications it would push.
type Notifier struct {
	Sent atomic.Int64
}

// Publish notifies every contact of c.
func (n *Notifier) Publish(c Change, contacts []int64) {
	n.Sent.Add(int64(len(contacts)))
}
