// Package store is the on-disk feature store: one small record file per item, laid out in
// shard directories by the materialisation job.
package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/acme/featurestore/internal/features"
)

// shards is the number of shard directories the materialiser spreads records over.
const shards = 64

// DiskStore reads and writes item feature records under Root.
type DiskStore struct {
	Root   string
	hits   int64
	misses int64
}

// Open prepares the shard directories under root.
func Open(root string) (*DiskStore, error) {
	for i := 0; i < shards; i++ {
		if err := os.MkdirAll(filepath.Join(root, fmt.Sprintf("%02x", i)), 0o755); err != nil {
			return nil, err
		}
	}
	return &DiskStore{Root: root}, nil
}

func (s *DiskStore) path(item uint32) string {
	return filepath.Join(s.Root, fmt.Sprintf("%02x", item%shards), fmt.Sprintf("%08d.feat", item))
}

// Put writes (or replaces) one item's record; used by the materialisation job.
func (s *DiskStore) Put(item uint32, v *features.Vector) error {
	buf := features.Encode(make([]byte, 0, 160), v)
	tmp := s.path(item) + ".tmp"
	if err := os.WriteFile(tmp, buf, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, s.path(item))
}

// Get returns the current feature record of one item.
func (s *DiskStore) Get(item uint32, v *features.Vector) (bool, error) {
	b, err := os.ReadFile(s.path(item))
	if os.IsNotExist(err) {
		atomic.AddInt64(&s.misses, 1)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := features.Decode(b, v); err != nil {
		return false, fmt.Errorf("item %d: %w", item, err)
	}
	atomic.AddInt64(&s.hits, 1)
	return true, nil
}

// Stats reports lookups that found a record and lookups that did not.
func (s *DiskStore) Stats() (hits, misses int64) {
	return atomic.LoadInt64(&s.hits), atomic.LoadInt64(&s.misses)
}
