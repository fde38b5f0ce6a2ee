// Package segments holds the membership lists of user segments.
package segments

import (
	"fmt"
	"math/rand"
	"sort"
)

// UserID identifies a user.
type UserID uint64

// Segment is a named set of users, stored as the list exported by the segment job.
type Segment struct {
	Name    string
	Members []UserID
}

// Store holds every segment by name.
type Store struct {
	byName map[string]*Segment
	names  []string
}

// Synthetic returns n segments over a population of users. Segments overlap
// heavily, as real interest and behaviour segments do.
func Synthetic(n, population int, seed int64) *Store {
	r := rand.New(rand.NewSource(seed))
	s := &Store{byName: make(map[string]*Segment, n)}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("seg-%03d", i)
		size := 800 + r.Intn(2400)
		// Each segment draws from a window of the population so neighbours overlap.
		base := r.Intn(population - 9000)
		members := make([]UserID, 0, size)
		for j := 0; j < size; j++ {
			members = append(members, UserID(100000+base+r.Intn(9000)))
		}
		sort.Slice(members, func(a, b int) bool { return members[a] < members[b] })
		s.byName[name] = &Segment{Name: name, Members: members}
		s.names = append(s.names, name)
	}
	return s
}

// Get returns the named segment, or nil.
func (s *Store) Get(name string) *Segment { return s.byName[name] }

// Names returns every segment name.
func (s *Store) Names() []string { return s.names }
