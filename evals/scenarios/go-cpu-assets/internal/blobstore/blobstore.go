// Package blobstore keeps asset blobs in memory.
package blobstore

import (
	"fmt"
	"math/rand"
	"time"
)

// Blob is one stored asset.
type Blob struct {
	Path        string
	ContentType string
	Modified    time.Time
	Data        []byte
}

// Store maps asset paths to blobs.
type Store struct {
	blobs map[string]*Blob
	paths []string
}

var types = []string{"image/webp", "application/javascript", "text/css", "font/woff2"}

// Generate returns a store with n synthetic assets of 64 KiB to 1 MiB.
func Generate(n int, seed int64) *Store {
	r := rand.New(rand.NewSource(seed))
	s := &Store{blobs: make(map[string]*Blob, n)}
	for i := 0; i < n; i++ {
		size := 64<<10 + r.Intn(960<<10)
		data := make([]byte, size)
		r.Read(data)
		b := &Blob{
			Path:        fmt.Sprintf("/static/%d/asset-%04d", i%16, i),
			ContentType: types[i%len(types)],
			Modified:    time.Date(2025, 11, 1+i%28, 8, 0, 0, 0, time.UTC),
			Data:        data,
		}
		s.blobs[b.Path] = b
		s.paths = append(s.paths, b.Path)
	}
	return s
}

// Get returns the blob stored at path.
func (s *Store) Get(path string) (*Blob, bool) {
	b, ok := s.blobs[path]
	return b, ok
}

// Paths returns all asset paths.
func (s *Store) Paths() []string { return s.paths }
