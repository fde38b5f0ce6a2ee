// Package wire reads and produces the broker's frames.
//
// A frame is a 4-byte big-endian body length followed by the body: a 1-byte routing-key
// length, the routing key, the 32-character message id and the batch payload.
package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand"
)

// MaxFrame is the largest body the broker sends.
const MaxFrame = 1 << 20

// IDLen is the length of a message id.
const IDLen = 32

// ErrFrame is returned for a malformed frame.
var ErrFrame = errors.New("malformed frame")

// Frame is one frame body.
type Frame []byte

// ReadFrame reads the next frame from r.
func ReadFrame(r io.Reader) (Frame, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if n > MaxFrame {
		return nil, ErrFrame
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	return Frame(buf), nil
}

// RoutingKey returns the frame's routing key.
func (f Frame) RoutingKey() ([]byte, error) {
	if len(f) < 1 || len(f) < 1+int(f[0])+IDLen {
		return nil, ErrFrame
	}
	return f[1 : 1+int(f[0])], nil
}

// MessageID returns the frame's message id.
func (f Frame) MessageID() ([]byte, error) {
	if len(f) < 1 || len(f) < 1+int(f[0])+IDLen {
		return nil, ErrFrame
	}
	start := 1 + int(f[0])
	return f[start : start+IDLen], nil
}

// Payload returns the frame's batch payload.
func (f Frame) Payload() []byte {
	return f[1+int(f[0])+IDLen:]
}

// Stream is a simulated broker connection: it produces frames of 8 to 48 KiB and, like
// the broker after a reconnect, redelivers some recent frames.
type Stream struct {
	r       *rand.Rand
	conn    int
	seq     int
	pending []byte
	block   []byte
}

// NewStream returns the stream of connection conn.
func NewStream(conn int, seed int64) *Stream {
	r := rand.New(rand.NewSource(seed))
	block := make([]byte, 48<<10)
	r.Read(block)
	return &Stream{r: r, conn: conn, block: block}
}

// Read implements io.Reader.
func (s *Stream) Read(p []byte) (int, error) {
	if len(s.pending) == 0 {
		s.pending = s.next()
	}
	n := copy(p, s.pending)
	s.pending = s.pending[n:]
	return n, nil
}

func (s *Stream) next() []byte {
	seq := s.seq
	if s.r.Intn(50) == 0 && seq > 20 {
		seq -= 1 + s.r.Intn(20) // redelivery
	} else {
		s.seq++
	}
	key := fmt.Sprintf("orders.eu-%d.created", s.conn%3)
	id := fmt.Sprintf("%08x%08x%016x", s.conn, 0x5eed, seq)
	payload := s.block[:(8<<10)+s.r.Intn(40<<10)]
	body := 1 + len(key) + len(id) + len(payload)
	out := make([]byte, 4, 4+body)
	binary.BigEndian.PutUint32(out, uint32(body))
	out = append(out, byte(len(key)))
	out = append(out, key...)
	out = append(out, id...)
	return append(out, payload...)
}
