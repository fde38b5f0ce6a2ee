package board

import (
	"fmt"
	"time"
)

// Kind is what a mutation does.
type Kind int

// The mutations clients send.
const (
	AddComment Kind = iota
	MoveCard
	AddLabel
	RenameCard
)

// Mutation is one small edit sent by a client.
type Mutation struct {
	Kind   Kind
	Card   int64
	Column int
	Author string
	Text   string
	At     time.Time
}

// Apply performs the mutation on b.
func (m *Mutation) Apply(b *Board) error {
	ci, i, err := b.Find(m.Card)
	if err != nil {
		return err
	}
	card := &b.Columns[ci].Cards[i]
	switch m.Kind {
	case AddComment:
		card.Comments = append(card.Comments, Comment{ID: b.NextID(), Author: m.Author, Body: m.Text, At: m.At})
		if len(card.Comments) > 12 {
			// the card view keeps the latest comments; older ones go to the archive
			card.Comments = append(card.Comments[:0], card.Comments[len(card.Comments)-12:]...)
		}
	case MoveCard:
		to := m.Column % len(b.Columns)
		if to == ci {
			return nil
		}
		moved := *card
		b.Columns[ci].Cards = append(b.Columns[ci].Cards[:i], b.Columns[ci].Cards[i+1:]...)
		b.Columns[to].Cards = append(b.Columns[to].Cards, moved)
		card = &b.Columns[to].Cards[len(b.Columns[to].Cards)-1]
	case AddLabel:
		for _, l := range card.Labels {
			if l == m.Text {
				return nil
			}
		}
		card.Labels = append(card.Labels, m.Text)
		if len(card.Labels) > 6 {
			card.Labels = card.Labels[1:]
		}
	case RenameCard:
		card.Title = m.Text
	default:
		return fmt.Errorf("board: unknown mutation %d", m.Kind)
	}
	card.UpdatedAt = m.At
	b.UpdatedAt = m.At
	return nil
}
