// Package claims knows which claims are open for new photos.
package claims

import (
	"fmt"
	"math/rand"
	"sync"
)

// Status is where a claim is in its life.
type Status int

const (
	Open Status = iota
	Assessing
	Settled
	Closed
)

// Claim is the part of a claim the photo intake needs.
type Claim struct {
	Number   string
	Line     string // "motor", "home", "contents"
	Status   Status
	MaxPhoto int // photos allowed on the claim
}

// Registry holds the claims known to this instance.
type Registry struct {
	mu     sync.RWMutex
	claims map[string]*Claim
}

// Seed makes a registry of n claims, most of them open.
func Seed(rnd *rand.Rand, n int) (*Registry, []string) {
	lines := []string{"motor", "home", "contents"}
	r := &Registry{claims: make(map[string]*Claim, n)}
	numbers := make([]string, 0, n)
	for i := 0; i < n; i++ {
		c := &Claim{
			Number:   fmt.Sprintf("CLM-%07d", 4100000+i),
			Line:     lines[rnd.Intn(len(lines))],
			Status:   Status(rnd.Intn(10) / 7), // 70% open, 30% assessing
			MaxPhoto: 40,
		}
		r.claims[c.Number] = c
		numbers = append(numbers, c.Number)
	}
	return r, numbers
}

// Lookup returns the claim with this number.
func (r *Registry) Lookup(number string) (*Claim, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c, ok := r.claims[number]
	return c, ok
}

// AcceptsPhotos reports whether photos may still be attached to the claim.
func (c *Claim) AcceptsPhotos() bool {
	return c.Status == Open || c.Status == Assessing
}
