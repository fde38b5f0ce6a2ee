// Package randsrc is the random source shared by creative rotation, experiments and ids.
package randsrc

import (
	"math/rand"
	"sync"
	"time"
)

// Source is a seeded random source that is safe for concurrent use.
type Source struct {
	mu sync.Mutex
	r  *rand.Rand
}

// New returns a source seeded from the clock.
func New() *Source {
	return &Source{r: rand.New(rand.NewSource(time.Now().UnixNano()))}
}

// Default is the process-wide source.
var Default = New()

// Float64 returns a number in [0, 1).
func (s *Source) Float64() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.Float64()
}

// Intn returns a number in [0, n).
func (s *Source) Intn(n int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.Intn(n)
}

// Perm returns a random permutation of [0, n).
func (s *Source) Perm(n int) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.Perm(n)
}

// Read fills b with random bytes.
func (s *Source) Read(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.r.Read(b)
}
