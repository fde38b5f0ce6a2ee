// Package capping enforces per-user frequency caps per channel.
package capping

import (
	"sync"

	"github.com/acme/audience/internal/campaigns"
	"github.com/acme/audience/internal/segments"
)

type key struct {
	user    segments.UserID
	channel campaigns.Channel
}

// Caps counts the sends of each user per channel in the current window.
type Caps struct {
	mu    sync.Mutex
	sends map[key]int
}

// New returns empty caps.
func New() *Caps { return &Caps{sends: make(map[key]int, 1<<16)} }

// Admit returns the users of list still under max sends on channel and counts a send for each.
func (c *Caps) Admit(list []segments.UserID, ch campaigns.Channel, max int) []segments.UserID {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := list[:0]
	for _, u := range list {
		k := key{u, ch}
		if c.sends[k] >= max {
			continue
		}
		c.sends[k]++
		out = append(out, u)
	}
	return out
}

// Reset starts a new window.
func (c *Caps) Reset() {
	c.mu.Lock()
	c.sends = make(map[key]int, 1<<16)
	c.mu.Unlock()
}
