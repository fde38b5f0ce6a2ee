// Package segment reads the event archive: records of a length, a SHA-256 and a deflated body.
package segment

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
)

// ErrChecksum is returned for a record whose body does not match its checksum.
var ErrChecksum = errors.New("segment: checksum mismatch")

// Event is one decoded order event.
type Event struct {
	Seq     uint64
	OrderID uint64
	Kind    uint8 // 1 created, 2 line added, 3 paid, 4 shipped, 5 cancelled
	Cents   int64
	SKU     string
}

// Reader reads the records of one segment.
type Reader struct {
	r    io.Reader
	comp []byte
	body bytes.Buffer
	fr   io.ReadCloser
}

// NewReader returns a reader over a segment's bytes.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: r, fr: flate.NewReader(bytes.NewReader(nil))}
}

// Next reads, verifies and decodes the next record.
func (s *Reader) Next() (Event, error) {
	var hdr [4 + sha256.Size]byte
	if _, err := io.ReadFull(s.r, hdr[:]); err != nil {
		return Event{}, err
	}
	n := binary.BigEndian.Uint32(hdr[:4])
	if cap(s.comp) < int(n) {
		s.comp = make([]byte, n)
	}
	s.comp = s.comp[:n]
	if _, err := io.ReadFull(s.r, s.comp); err != nil {
		return Event{}, err
	}
	s.fr.(flate.Resetter).Reset(bytes.NewReader(s.comp), nil)
	s.body.Reset()
	if _, err := s.body.ReadFrom(s.fr); err != nil {
		return Event{}, err
	}
	body := s.body.Bytes()
	// The archive is written once and checked on every read: bit rot must not reach a projection.
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], hdr[4:]) {
		return Event{}, ErrChecksum
	}
	return decode(body)
}

// decode parses a record body: seq, order id, kind, cents, SKU length and SKU.
func decode(b []byte) (Event, error) {
	if len(b) < 26 {
		return Event{}, errors.New("segment: short record")
	}
	e := Event{
		Seq:     binary.BigEndian.Uint64(b[0:8]),
		OrderID: binary.BigEndian.Uint64(b[8:16]),
		Kind:    b[16],
		Cents:   int64(binary.BigEndian.Uint64(b[17:25])),
	}
	n := int(b[25])
	if len(b) < 26+n {
		return Event{}, errors.New("segment: short SKU")
	}
	e.SKU = string(b[26 : 26+n])
	return e, nil
}

// Append writes e as one record to w (the archiver's side, used to build test archives).
func Append(w *bytes.Buffer, e Event, fw *flate.Writer) error {
	var body []byte
	body = binary.BigEndian.AppendUint64(body, e.Seq)
	body = binary.BigEndian.AppendUint64(body, e.OrderID)
	body = append(body, e.Kind)
	body = binary.BigEndian.AppendUint64(body, uint64(e.Cents))
	body = append(body, byte(len(e.SKU)))
	body = append(body, e.SKU...)
	body = append(body, make([]byte, 160)...) // reserved for the audit trailer
	var comp bytes.Buffer
	fw.Reset(&comp)
	if _, err := fw.Write(body); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	var hdr [4]byte
	binary.BigEndian.PutUint32(hdr[:], uint32(comp.Len()))
	w.Write(hdr[:])
	w.Write(sum[:])
	w.Write(comp.Bytes())
	return nil
}
