// Package wire reads conversion requests: a 16-byte header and the document body.
package wire

import (
	"encoding/binary"
	"errors"
	"io"
)

// MaxBody is the largest document accepted.
const MaxBody = 4 << 20

// ErrTooLarge is returned for documents above MaxBody.
var ErrTooLarge = errors.New("document too large")

// Request is one conversion request.
type Request struct {
	ID     uint64
	Format uint16 // output format: 1 HTML fragment, 2 full page
	Flags  uint16
	Body   []byte // the Markdown source
}

// ReadRequest reads the next request from r.
func ReadRequest(r io.Reader) (*Request, error) {
	var hdr [16]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[12:16])
	if n > MaxBody {
		return nil, ErrTooLarge
	}
	req := &Request{
		ID:     binary.BigEndian.Uint64(hdr[0:8]),
		Format: binary.BigEndian.Uint16(hdr[8:10]),
		Flags:  binary.BigEndian.Uint16(hdr[10:12]),
		Body:   make([]byte, n),
	}
	if _, err := io.ReadFull(r, req.Body); err != nil {
		return nil, err
	}
	return req, nil
}

// Encode returns the wire form of a request (used by clients and tests).
func Encode(id uint64, format uint16, body []byte) []byte {
	out := make([]byte, 16, 16+len(body))
	binary.BigEndian.PutUint64(out[0:8], id)
	binary.BigEndian.PutUint16(out[8:10], format)
	binary.BigEndian.PutUint32(out[12:16], uint32(len(body)))
	return append(out, body...)
}
