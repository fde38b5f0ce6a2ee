// Package events describes the frames a producer publishes to a stream.
package events

import (
	"encoding/binary"
	"math/rand"
)

// Frame is one published update.
type Frame struct {
	Stream  string
	Seq     uint64
	Kind    byte
	Payload []byte
}

// Kinds of frames.
const (
	KindText byte = iota + 1
	KindScore
	KindBid
)

// Producer makes frames for one stream.
type Producer struct {
	Stream string
	seq    uint64
	r      *rand.Rand
}

// NewProducer returns a producer for stream.
func NewProducer(stream string, seed int64) *Producer {
	return &Producer{Stream: stream, r: rand.New(rand.NewSource(seed))}
}

// Next returns the next frame.
func (p *Producer) Next() Frame {
	p.seq++
	kind := KindText + byte(p.r.Intn(3))
	n := 24 + p.r.Intn(200)
	payload := make([]byte, n)
	p.r.Read(payload)
	return Frame{Stream: p.Stream, Seq: p.seq, Kind: kind, Payload: payload}
}

// Header encodes the frame header into dst and returns the used part.
func Header(dst []byte, f *Frame) []byte {
	dst = append(dst, f.Kind)
	dst = binary.BigEndian.AppendUint64(dst, f.Seq)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(f.Payload)))
	return dst
}
