// Package store keeps each channel's messages in arrival order.
package store

import (
	"fmt"
	"math/rand"
	"sync"
	"time"
)

// Message is one chat message.
type Message struct {
	Seq      int64
	Channel  string
	Author   string
	SentAt   time.Time
	Text     string
	ThreadID int64
	Edited   bool
	Reacts   uint16
}

// Store is an append-only log per channel.
type Store struct {
	mu       sync.RWMutex
	channels map[string][]Message
}

// New returns an empty store.
func New() *Store {
	return &Store{channels: make(map[string][]Message)}
}

// Append adds a message to the end of its channel's log and returns its sequence number.
func (s *Store) Append(m Message) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	log := s.channels[m.Channel]
	m.Seq = int64(len(log)) + 1
	s.channels[m.Channel] = append(log, m)
	return m.Seq
}

// Range calls fn for the messages of channel with from <= Seq < to, oldest first.
func (s *Store) Range(channel string, from, to int64, fn func(*Message)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	log := s.channels[channel]
	if from < 1 {
		from = 1
	}
	if to > int64(len(log))+1 {
		to = int64(len(log)) + 1
	}
	for seq := from; seq < to; seq++ {
		fn(&log[seq-1])
	}
}

// Latest returns the sequence number of the newest message of channel.
func (s *Store) Latest(channel string) int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return int64(len(s.channels[channel]))
}

var words = []string{"deploy", "looks", "good", "can", "you", "review", "the", "PR", "standup", "in", "5",
	"lunch", "?", "merged", "thanks", "rollback", "staging", "is", "down", "again", "ack", "on", "it"}

// Seed fills channels with n messages each.
func (s *Store) Seed(r *rand.Rand, channels []string, n int) {
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	for _, ch := range channels {
		for i := 0; i < n; i++ {
			text := ""
			for w := 0; w < 3+r.Intn(12); w++ {
				if w > 0 {
					text += " "
				}
				text += words[r.Intn(len(words))]
			}
			s.Append(Message{
				Channel:  ch,
				Author:   fmt.Sprintf("u%03d", r.Intn(300)),
				SentAt:   start.Add(time.Duration(i) * 37 * time.Second),
				Text:     text,
				ThreadID: int64(r.Intn(50)),
				Edited:   r.Intn(20) == 0,
				Reacts:   uint16(r.Intn(4)),
			})
		}
	}
}
