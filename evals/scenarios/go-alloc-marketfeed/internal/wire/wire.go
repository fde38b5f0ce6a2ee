// Package wire implements the downstream feed protocol's frames.
//
// A frame is: magic uint16, version uint8, kind uint8, venue uint16, instrument uint32,
// seq uint64, timestamp int64 (unix nanos), bid int64, ask int64, bid size uint32,
// ask size uint32, last price int64, last size uint32, flags uint16, level count uint16,
// the levels, and a CRC-32 of everything before it. All fields are big-endian.
package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"time"

	"github.com/acme/marketfeed/internal/quote"
)

const (
	magic   uint16 = 0x4d46
	version uint8  = 3
)

// ErrBadFrame is returned for frames that fail the magic, version or checksum test.
var ErrBadFrame = errors.New("wire: bad frame")

// Encoder turns updates into frames.
type Encoder struct {
	Frames uint64
	Bytes  uint64
}

// Encode returns the frame for the update.
func (e *Encoder) Encode(u *quote.Update) ([]byte, error) {
	var buf bytes.Buffer
	order := binary.BigEndian
	fields := []interface{}{
		magic, version, uint8(u.Kind), u.Venue, u.Instrument, u.Seq, u.At.UnixNano(),
		u.Bid, u.Ask, u.BidSize, u.AskSize, u.LastPrice, u.LastSize, u.Flags, uint16(len(u.Levels)),
	}
	for _, f := range fields {
		if err := binary.Write(&buf, order, f); err != nil {
			return nil, err
		}
	}
	for _, l := range u.Levels {
		if err := binary.Write(&buf, order, l); err != nil {
			return nil, err
		}
	}
	if err := binary.Write(&buf, order, crc32.ChecksumIEEE(buf.Bytes())); err != nil {
		return nil, err
	}
	e.Frames++
	e.Bytes += uint64(buf.Len())
	return buf.Bytes(), nil
}

// headerSize is the fixed part of a frame before the levels.
const headerSize = 2 + 1 + 1 + 2 + 4 + 8 + 8 + 8 + 8 + 4 + 4 + 8 + 4 + 2 + 2

// levelSize is the encoded size of one level.
const levelSize = 8 + 4 + 2 + 1 + 1

// Decode parses a frame (used by the desks' replay tooling and the gateway's self-check).
func Decode(frame []byte) (quote.Update, error) {
	var u quote.Update
	if len(frame) < headerSize+4 {
		return u, ErrBadFrame
	}
	body, sum := frame[:len(frame)-4], binary.BigEndian.Uint32(frame[len(frame)-4:])
	if crc32.ChecksumIEEE(body) != sum || binary.BigEndian.Uint16(body) != magic || body[2] != version {
		return u, ErrBadFrame
	}
	be := binary.BigEndian
	u.Kind = quote.Kind(body[3])
	u.Venue = be.Uint16(body[4:])
	u.Instrument = be.Uint32(body[6:])
	u.Seq = be.Uint64(body[10:])
	u.At = time.Unix(0, int64(be.Uint64(body[18:])))
	u.Bid = int64(be.Uint64(body[26:]))
	u.Ask = int64(be.Uint64(body[34:]))
	u.BidSize = be.Uint32(body[42:])
	u.AskSize = be.Uint32(body[46:])
	u.LastPrice = int64(be.Uint64(body[50:]))
	u.LastSize = be.Uint32(body[58:])
	u.Flags = be.Uint16(body[62:])
	n := int(be.Uint16(body[64:]))
	if len(body) != headerSize+n*levelSize {
		return u, ErrBadFrame
	}
	u.Levels = make([]quote.Level, n)
	for i := range u.Levels {
		p := body[headerSize+i*levelSize:]
		u.Levels[i] = quote.Level{Price: int64(be.Uint64(p)), Size: be.Uint32(p[8:]), Count: be.Uint16(p[12:]), Side: p[14]}
	}
	return u, nil
}
