// Package ranking answers leaderboard queries.
package ranking

import (
	"sort"

	"github.com/acme/leaderboard/internal/scores"
)

// Ranked is an entry with its position (1 = best).
type Ranked struct {
	Position int
	scores.Entry
}

// Board answers queries over a score table.
type Board struct {
	Table *scores.Table
}

// ordered returns the entries ordered best first.
func (b *Board) ordered() []scores.Entry {
	entries := b.Table.Snapshot()
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].Rating != entries[j].Rating {
			return entries[i].Rating > entries[j].Rating
		}
		if entries[i].Wins != entries[j].Wins {
			return entries[i].Wins > entries[j].Wins
		}
		return entries[i].Player < entries[j].Player
	})
	return entries
}

// Top returns the best n players.
func (b *Board) Top(n int) []Ranked {
	entries := b.ordered()
	if n > len(entries) {
		n = len(entries)
	}
	out := make([]Ranked, n)
	for i := 0; i < n; i++ {
		out[i] = Ranked{Position: i + 1, Entry: entries[i]}
	}
	return out
}

// Around returns the position of player and the players just above and below.
func (b *Board) Around(player string, radius int) []Ranked {
	entries := b.ordered()
	pos := -1
	for i := range entries {
		if entries[i].Player == player {
			pos = i
			break
		}
	}
	if pos < 0 {
		return nil
	}
	lo, hi := pos-radius, pos+radius+1
	if lo < 0 {
		lo = 0
	}
	if hi > len(entries) {
		hi = len(entries)
	}
	out := make([]Ranked, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, Ranked{Position: i + 1, Entry: entries[i]})
	}
	return out
}
