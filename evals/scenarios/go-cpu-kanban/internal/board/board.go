// Package board is the board document: columns of cards, each with labels and comments.
package board

import (
	"errors"
	"time"
)

// Comment is one comment on a card.
type Comment struct {
	ID     int64     `json:"id"`
	Author string    `json:"author"`
	Body   string    `json:"body"`
	At     time.Time `json:"at"`
	Edited bool      `json:"edited,omitempty"`
}

// Card is one work item.
type Card struct {
	ID          int64      `json:"id"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	Labels      []string   `json:"labels,omitempty"`
	Assignees   []string   `json:"assignees,omitempty"`
	Estimate    float64    `json:"estimate,omitempty"`
	Due         *time.Time `json:"due,omitempty"`
	Comments    []Comment  `json:"comments,omitempty"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Column is one list of cards.
type Column struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Limit int    `json:"wip_limit,omitempty"`
	Cards []Card `json:"cards"`
}

// Board is the whole document a client loads.
type Board struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Owner     string    `json:"owner"`
	Members   []string  `json:"members"`
	Columns   []Column  `json:"columns"`
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
	nextID    int64
}

// ErrNoCard is returned when a mutation names a card that is not on the board.
var ErrNoCard = errors.New("board: no such card")

// NextID hands out a board-unique id for a new card, column or comment.
func (b *Board) NextID() int64 {
	b.nextID++
	return b.nextID
}

// Find returns the column index and card index of a card.
func (b *Board) Find(card int64) (int, int, error) {
	for ci := range b.Columns {
		for i := range b.Columns[ci].Cards {
			if b.Columns[ci].Cards[i].ID == card {
				return ci, i, nil
			}
		}
	}
	return 0, 0, ErrNoCard
}

// Cards returns the number of cards on the board.
func (b *Board) Cards() int {
	n := 0
	for _, c := range b.Columns {
		n += len(c.Cards)
	}
	return n
}
