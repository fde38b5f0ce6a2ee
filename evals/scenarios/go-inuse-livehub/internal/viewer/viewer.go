// Package viewer is one connected client of a stream.
package viewer

import (
	"github.com/acme/livehub/internal/events"
)

// SendBuffer is the size of a viewer's outgoing buffer. Frames are batched
// into it and flushed when it fills or when the writer loop drains it.
const SendBuffer = 32 << 10

// Viewer is a connected client.
type Viewer struct {
	ID       uint64
	Stream   string
	Region   string
	out      []byte
	flushed  int64
	dropped  int64
	lastSeq  uint64
	userData map[string]string
}

// New returns a viewer with its send buffer.
func New(id uint64, stream, region string) *Viewer {
	return &Viewer{
		ID:       id,
		Stream:   stream,
		Region:   region,
		out:      make([]byte, 0, SendBuffer),
		userData: map[string]string{"region": region},
	}
}

// Deliver appends a frame to the viewer's buffer, flushing first when it would overflow.
func (v *Viewer) Deliver(f *events.Frame) {
	if f.Seq <= v.lastSeq {
		v.dropped++
		return
	}
	need := 13 + len(f.Payload)
	if len(v.out)+need > cap(v.out) {
		v.flush()
	}
	v.out = events.Header(v.out, f)
	v.out = append(v.out, f.Payload...)
	v.lastSeq = f.Seq
}

// flush hands the buffered bytes to the connection (simulated) and resets the buffer.
func (v *Viewer) flush() {
	v.flushed += int64(len(v.out))
	v.out = v.out[:0]
}

// Close flushes what is left.
func (v *Viewer) Close() int64 {
	v.flush()
	return v.flushed
}
