// Package intake reads interchange bodies from partner connections.
package intake

import (
	"errors"
	"fmt"
	"io"

	"github.com/acme/edigateway/internal/bufpool"
)

// MaxBody is the largest interchange a partner may post (nightly batches included).
const MaxBody = 8 << 20

// ErrTooLarge is returned for bodies over MaxBody.
var ErrTooLarge = errors.New("intake: interchange too large")

// Reader reads bodies into pooled buffers.
type Reader struct {
	Pool *bufpool.Pool
}

// Body is one interchange as read from the wire. Release must be called when
// the gateway is done with it.
type Body struct {
	Partner string
	Data    []byte
	pool    *bufpool.Pool
}

// Release returns the body's buffer to the pool.
func (b *Body) Release() {
	if b.pool != nil && b.Data != nil {
		b.pool.Put(b.Data)
	}
	b.Data = nil
}

// Read reads a body of the declared length from r.
func (rd *Reader) Read(partner string, r io.Reader, length int) (*Body, error) {
	if length <= 0 {
		return nil, fmt.Errorf("intake: %s: missing content length", partner)
	}
	if length > MaxBody {
		return nil, ErrTooLarge
	}
	buf := rd.Pool.Get(length)
	if _, err := io.ReadFull(r, buf); err != nil {
		rd.Pool.Put(buf)
		return nil, fmt.Errorf("intake: %s: %w", partner, err)
	}
	return &Body{Partner: partner, Data: buf, pool: rd.Pool}, nil
}
