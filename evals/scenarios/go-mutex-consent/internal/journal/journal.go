// Package journal is the append-only audit journal of consent changes.
package journal

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// Journal appends one line per change to a file.
type Journal struct {
	mu  sync.Mutex
	f   *os.File
	seq uint64
}

// Open opens (or creates) the journal file for appending.
func Open(path string) (*Journal, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	return &Journal{f: f}, nil
}

// Append writes one audit line and makes it durable before returning.
func (j *Journal) Append(user, purpose string, granted bool, source string, at time.Time) (uint64, error) {
	j.mu.Lock()
	j.seq++
	seq := j.seq
	_, err := fmt.Fprintf(j.f, "%d\t%s\t%s\t%s\t%t\t%s\n", seq, at.UTC().Format(time.RFC3339Nano), user, purpose, granted, source)
	if err == nil {
		err = j.f.Sync()
	}
	j.mu.Unlock()
	return seq, err
}

// Close closes the journal file.
func (j *Journal) Close() error {
	return j.f.Close()
}
