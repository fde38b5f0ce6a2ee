// Package store holds uploaded frames in encoded form.
package store

import (
	"fmt"
	"math/rand"

	"github.com/acme/thumbs/internal/frame"
)

// Store maps document page ids to encoded frames.
type Store struct {
	pages map[string][]byte
	ids   []string
}

// Generate returns a store with n synthetic scanned pages.
func Generate(n int, seed int64) *Store {
	r := rand.New(rand.NewSource(seed))
	s := &Store{pages: make(map[string][]byte, n)}
	for i := 0; i < n; i++ {
		w, h := 320+r.Intn(320), 400+r.Intn(400)
		f := frame.Frame{W: w, H: h, Pix: make([]byte, w*h)}
		for y := 0; y < h; y++ {
			shade := byte(200 + r.Intn(55))
			if y%23 < 3 {
				shade = byte(r.Intn(80))
			}
			for x := 0; x < w; x++ {
				f.Pix[y*w+x] = shade
			}
		}
		id := fmt.Sprintf("doc-%05d/p1", i)
		s.pages[id] = frame.Encode(f)
		s.ids = append(s.ids, id)
	}
	return s
}

// Get returns the encoded frame of a page.
func (s *Store) Get(id string) ([]byte, bool) {
	b, ok := s.pages[id]
	return b, ok
}

// IDs returns all page ids.
func (s *Store) IDs() []string { return s.ids }
