// Package frame decodes the gateways' binary batch frames.
//
// A frame is a 16-byte header (magic "SNSB", version, gateway id, sequence, reading
// count), the readings (8 bytes each: sensor id, kind, flags, float32 value) and a CRC-32
// of everything before it.
package frame

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
)

// Errors returned by Decode.
var (
	ErrShort = errors.New("frame too short")
	ErrMagic = errors.New("bad frame magic")
	ErrCount = errors.New("reading count does not match frame length")
)

// HeaderLen and ReadingLen are the fixed sizes of the frame's parts.
const (
	HeaderLen  = 16
	ReadingLen = 8
)

// Header is the frame header.
type Header struct {
	Version  uint16
	Gateway  uint32
	Sequence uint32
	Count    uint16
}

// Reading is one sensor value.
type Reading struct {
	Sensor uint16
	Kind   uint8
	Flags  uint8
	Value  float32
}

// Decode checks the frame's header and length and returns the header and the readings'
// bytes. The CRC is checked by the gateway link layer already, so Decode does not.
func Decode(b []byte) (Header, []byte, error) {
	if len(b) < HeaderLen+4 {
		return Header{}, nil, ErrShort
	}
	if string(b[:4]) != "SNSB" {
		return Header{}, nil, ErrMagic
	}
	h := Header{
		Version:  binary.LittleEndian.Uint16(b[4:]),
		Gateway:  binary.LittleEndian.Uint32(b[6:]),
		Sequence: binary.LittleEndian.Uint32(b[10:]),
		Count:    binary.LittleEndian.Uint16(b[14:]),
	}
	body := b[HeaderLen : len(b)-4]
	if len(body) != int(h.Count)*ReadingLen {
		return Header{}, nil, ErrCount
	}
	return h, body, nil
}

// At returns the i-th reading of a frame body.
func At(body []byte, i int) Reading {
	r := body[i*ReadingLen:]
	return Reading{
		Sensor: binary.LittleEndian.Uint16(r),
		Kind:   r[2],
		Flags:  r[3],
		Value:  math.Float32frombits(binary.LittleEndian.Uint32(r[4:])),
	}
}

// Encode builds a frame (used by the gateway simulator).
func Encode(h Header, readings []Reading) []byte {
	b := make([]byte, HeaderLen+len(readings)*ReadingLen+4)
	copy(b, "SNSB")
	binary.LittleEndian.PutUint16(b[4:], h.Version)
	binary.LittleEndian.PutUint32(b[6:], h.Gateway)
	binary.LittleEndian.PutUint32(b[10:], h.Sequence)
	binary.LittleEndian.PutUint16(b[14:], uint16(len(readings)))
	for i, r := range readings {
		p := b[HeaderLen+i*ReadingLen:]
		binary.LittleEndian.PutUint16(p, r.Sensor)
		p[2], p[3] = r.Kind, r.Flags
		binary.LittleEndian.PutUint32(p[4:], math.Float32bits(r.Value))
	}
	binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.ChecksumIEEE(b[:len(b)-4]))
	return b
}
