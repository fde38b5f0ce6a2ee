// Package status keeps users' online status.
package status

import (
	"sync"
	"time"
)

// Board holds the last-seen time of each user.
type Board struct {
	mu       sync.Mutex
	lastSeen map[int64]time.Time
	online   map[int64]int
}

// NewBoard returns an empty board.
func NewBoard() *Board {
	return &Board{lastSeen: map[int64]time.Time{}, online: map[int64]int{}}
}

// Touch records that user was seen now.
func (b *Board) Touch(user int64, now time.Time) {
	b.mu.Lock()
	b.lastSeen[user] = now
	b.mu.Unlock()
}

// Connected records a new connection of user and reports whether the user just came online.
func (b *Board) Connected(user int64, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.online[user]++
	b.lastSeen[user] = now
	return b.online[user] == 1
}

// Disconnected records a closed connection and reports whether the user went offline.
func (b *Board) Disconnected(user int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.online[user]--
	if b.online[user] <= 0 {
		delete(b.online, user)
		return true
	}
	return false
}

// Online returns the number of users online.
func (b *Board) Online() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.online)
}
