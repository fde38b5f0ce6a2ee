// Package frame implements the run-length encoded greyscale frame format.
package frame

import (
	"encoding/binary"
	"errors"
)

// Frame is a decoded greyscale image.
type Frame struct {
	W, H int
	Pix  []byte
}

// ErrCorrupt is returned for malformed input.
var ErrCorrupt = errors.New("frame: corrupt data")

// Encode returns the run-length encoding of f: width, height (uint16) and (count, value) pairs.
func Encode(f Frame) []byte {
	out := make([]byte, 4, 4+len(f.Pix)/2)
	binary.BigEndian.PutUint16(out[0:], uint16(f.W))
	binary.BigEndian.PutUint16(out[2:], uint16(f.H))
	for i := 0; i < len(f.Pix); {
		v, n := f.Pix[i], 1
		for i+n < len(f.Pix) && f.Pix[i+n] == v && n < 255 {
			n++
		}
		out = append(out, byte(n), v)
		i += n
	}
	return out
}

// DecodeInto decodes data into dst, which must be large enough, and returns the frame.
func DecodeInto(data, dst []byte) (Frame, error) {
	if len(data) < 4 {
		return Frame{}, ErrCorrupt
	}
	w, h := int(binary.BigEndian.Uint16(data[0:])), int(binary.BigEndian.Uint16(data[2:]))
	if w*h > len(dst) {
		return Frame{}, ErrCorrupt
	}
	p := 0
	for i := 4; i+1 < len(data); i += 2 {
		n, v := int(data[i]), data[i+1]
		if p+n > w*h {
			return Frame{}, ErrCorrupt
		}
		for k := 0; k < n; k++ {
			dst[p+k] = v
		}
		p += n
	}
	return Frame{W: w, H: h, Pix: dst[:w*h]}, nil
}
