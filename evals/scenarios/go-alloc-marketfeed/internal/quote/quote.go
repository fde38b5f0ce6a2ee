// Package quote models normalised quote updates from the venues.
package quote

import "time"

// Kind is the type of update.
type Kind uint8

// Update kinds.
const (
	TopOfBook Kind = iota + 1
	Depth
	Trade
	Halt
)

// Level is one price level of the order book (prices in 1e-6 units).
type Level struct {
	Price int64
	Size  uint32
	Count uint16
	Side  uint8
	_     uint8
}

// Update is one normalised venue update.
type Update struct {
	Kind       Kind
	Venue      uint16
	Instrument uint32
	Seq        uint64
	At         time.Time
	Bid        int64
	Ask        int64
	BidSize    uint32
	AskSize    uint32
	LastPrice  int64
	LastSize   uint32
	Flags      uint16
	Levels     []Level
}

// Book keeps the latest depth per instrument so updates can carry the top levels.
type Book struct {
	depth map[uint32][]Level
}

// NewBook returns an empty book.
func NewBook() *Book {
	return &Book{depth: make(map[uint32][]Level)}
}

// Apply stores the levels of a depth update and fills the top of book.
func (b *Book) Apply(u *Update) {
	if u.Kind != Depth || len(u.Levels) == 0 {
		return
	}
	b.depth[u.Instrument] = u.Levels
	for _, l := range u.Levels {
		if l.Side == 0 && (u.Bid == 0 || l.Price > u.Bid) {
			u.Bid, u.BidSize = l.Price, l.Size
		}
		if l.Side == 1 && (u.Ask == 0 || l.Price < u.Ask) {
			u.Ask, u.AskSize = l.Price, l.Size
		}
	}
}

// Levels returns the last known depth of the instrument.
func (b *Book) Levels(instrument uint32) []Level {
	return b.depth[instrument]
}
