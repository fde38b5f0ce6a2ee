// Package store keeps uploaded artifacts with their content digest.
package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"
)

// ErrNotFound is returned for an unknown artifact.
var ErrNotFound = errors.New("artifact not found")

// ErrCorrupt is returned when stored content does not match its digest.
var ErrCorrupt = errors.New("artifact content does not match its digest")

// Object is one stored artifact version.
type Object struct {
	Name     string
	Version  string
	Digest   string // "sha256:<hex>", computed when the upload completed
	Size     int
	Uploaded time.Time
	data     []byte
}

// Store is an in-memory content store keyed by name@version.
type Store struct {
	mu      sync.RWMutex
	objects map[string]*Object
}

// New returns an empty store.
func New() *Store { return &Store{objects: make(map[string]*Object)} }

func key(name, version string) string { return name + "@" + version }

// Put stores an upload and records its digest.
func (s *Store) Put(name, version string, data []byte) *Object {
	sum := sha256.Sum256(data)
	o := &Object{Name: name, Version: version, Digest: "sha256:" + hex.EncodeToString(sum[:]),
		Size: len(data), Uploaded: time.Now(), data: data}
	s.mu.Lock()
	s.objects[key(name, version)] = o
	s.mu.Unlock()
	return o
}

// Get returns the artifact and its content, checked against the recorded digest.
func (s *Store) Get(name, version string) (*Object, []byte, error) {
	s.mu.RLock()
	o := s.objects[key(name, version)]
	s.mu.RUnlock()
	if o == nil {
		return nil, nil, ErrNotFound
	}
	sum := sha256.Sum256(o.data)
	if "sha256:"+hex.EncodeToString(sum[:]) != o.Digest {
		return nil, nil, fmt.Errorf("%s: %w", key(name, version), ErrCorrupt)
	}
	return o, o.data, nil
}

// Len returns the number of stored artifacts.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.objects)
}
