// Package chunker reads a log stream in line-aligned chunks.
package chunker

import (
	"bytes"
	"io"
)

// Size is the size of one chunk.
const Size = 64 << 10

// Reader splits a stream into chunks that end at a line boundary.
type Reader struct {
	src  io.Reader
	tail []byte
}

// New returns a chunk reader over src.
func New(src io.Reader) *Reader { return &Reader{src: src} }

// Next returns the next chunk; the caller owns it.
func (r *Reader) Next() ([]byte, error) {
	chunk := make([]byte, Size)
	n := copy(chunk, r.tail)
	m, err := io.ReadFull(r.src, chunk[n:])
	n += m
	if err != nil && n == 0 {
		return nil, err
	}
	end := bytes.LastIndexByte(chunk[:n], '\n') + 1
	r.tail = append(r.tail[:0], chunk[end:n]...)
	return chunk[:end], nil
}
