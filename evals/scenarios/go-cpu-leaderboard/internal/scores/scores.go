// Package scores keeps the season score of every player.
package scores

import (
	"fmt"
	"math/rand"
	"sync"
	"time"
)

// Entry is the season result of one player.
type Entry struct {
	Player  string
	Rating  int
	Wins    int
	Losses  int
	Updated time.Time
}

// Table holds the entries of one season.
type Table struct {
	mu      sync.RWMutex
	entries []Entry
	index   map[string]int
}

// Generate returns a table with n synthetic players.
func Generate(n int, seed int64) *Table {
	r := rand.New(rand.NewSource(seed))
	t := &Table{index: make(map[string]int, n)}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		e := Entry{
			Player: fmt.Sprintf("player-%06d", i), Rating: 800 + r.Intn(1600),
			Wins: r.Intn(300), Losses: r.Intn(300), Updated: base.Add(time.Duration(r.Intn(1e6)) * time.Second),
		}
		t.index[e.Player] = len(t.entries)
		t.entries = append(t.entries, e)
	}
	return t
}

// Record applies the result of one match to both players.
func (t *Table) Record(winner, loser string, delta int, at time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if i, ok := t.index[winner]; ok {
		t.entries[i].Rating += delta
		t.entries[i].Wins++
		t.entries[i].Updated = at
	}
	if i, ok := t.index[loser]; ok {
		t.entries[i].Rating -= delta
		t.entries[i].Losses++
		t.entries[i].Updated = at
	}
}

// Snapshot returns a copy of all entries.
func (t *Table) Snapshot() []Entry {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]Entry, len(t.entries))
	copy(out, t.entries)
	return out
}

// Players returns the names of all players.
func (t *Table) Players() []string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]string, len(t.entries))
	for i, e := range t.entries {
		out[i] = e.Player
	}
	return out
}
