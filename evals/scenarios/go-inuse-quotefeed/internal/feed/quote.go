// Package feed holds the quote model and the hub that fans quotes out to subscribers.
package feed

import (
	"strconv"
	"time"
)

// Quote is one top-of-book update from the upstream feed.
type Quote struct {
	Symbol     string
	Venue      [8]byte
	Seq        uint64
	Bid, Ask   float64
	BidSize    int64
	AskSize    int64
	Last       float64
	LastSize   int64
	Time       int64 // exchange timestamp, unix nanoseconds
	Conditions [4]byte
	Halted     bool
}

// Spread returns ask minus bid.
func (q Quote) Spread() float64 { return q.Ask - q.Bid }

// AppendLine appends the quote in the line format the desks consume:
// SYMBOL|VENUE|SEQ|BID|BIDSIZE|ASK|ASKSIZE|LAST|TIME.
func (q Quote) AppendLine(b []byte) []byte {
	b = append(b, q.Symbol...)
	b = append(b, '|')
	for _, c := range q.Venue {
		if c != 0 {
			b = append(b, c)
		}
	}
	b = append(b, '|')
	b = strconv.AppendUint(b, q.Seq, 10)
	b = append(b, '|')
	b = strconv.AppendFloat(b, q.Bid, 'f', 4, 64)
	b = append(b, '|')
	b = strconv.AppendInt(b, q.BidSize, 10)
	b = append(b, '|')
	b = strconv.AppendFloat(b, q.Ask, 'f', 4, 64)
	b = append(b, '|')
	b = strconv.AppendInt(b, q.AskSize, 10)
	b = append(b, '|')
	b = strconv.AppendFloat(b, q.Last, 'f', 4, 64)
	b = append(b, '|')
	b = time.Unix(0, q.Time).UTC().AppendFormat(b, "15:04:05.000000")
	return append(b, '\n')
}

// Venue returns the fixed-width venue code for a short venue name.
func Venue(name string) (v [8]byte) {
	copy(v[:], name)
	return v
}
