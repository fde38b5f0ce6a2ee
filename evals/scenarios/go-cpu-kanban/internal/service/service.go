// Package service stores boards, serialises mutations per board and enforces limits.
package service

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/acme/kanban/internal/board"
)

// MaxDocumentBytes is the largest board document the clients are allowed to load.
const MaxDocumentBytes = 4 << 20

// ErrTooLarge is returned for a mutation that would push a board past MaxDocumentBytes.
var ErrTooLarge = errors.New("service: board document too large")

// Change is one entry of the change feed that clients poll.
type Change struct {
	Board   string
	Version int64
	Card    int64
	Bytes   int
}

type entry struct {
	mu    sync.Mutex
	board *board.Board
}

// Service holds the boards.
type Service struct {
	mu      sync.RWMutex
	boards  map[string]*entry
	feed    chan Change
	applied int64
}

// New returns an empty service whose change feed holds up to feedSize changes.
func New(feedSize int) *Service {
	return &Service{boards: make(map[string]*entry), feed: make(chan Change, feedSize)}
}

// Add registers a board.
func (s *Service) Add(b *board.Board) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.boards[b.ID] = &entry{board: b}
}

// Feed is the change feed.
func (s *Service) Feed() <-chan Change { return s.feed }

// Applied is the number of mutations applied.
func (s *Service) Applied() int64 { return atomic.LoadInt64(&s.applied) }

// Mutate applies one client mutation to a board.
func (s *Service) Mutate(id string, m *board.Mutation) (int64, error) {
	s.mu.RLock()
	e := s.boards[id]
	s.mu.RUnlock()
	if e == nil {
		return 0, fmt.Errorf("service: no board %q", id)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return s.apply(e.board, m)
}

// apply performs the mutation, checks the document limit and publishes the change.
func (s *Service) apply(b *board.Board, m *board.Mutation) (int64, error) {
	if err := m.Apply(b); err != nil {
		return 0, err
	}
	doc, err := json.Marshal(b)
	if err != nil {
		return 0, err
	}
	if len(doc) > MaxDocumentBytes {
		return 0, ErrTooLarge
	}
	b.Version++
	atomic.AddInt64(&s.applied, 1)
	select {
	case s.feed <- Change{Board: b.ID, Version: b.Version, Card: m.Card, Bytes: len(doc)}:
	default: // pollers are behind; they resync from the board version
	}
	return b.Version, nil
}
