// Package wire decodes print-job frames sent by the warehouse stations.
//
// A frame is: 4-byte magic "LBL1", 4-byte big-endian metadata length, the JSON
// metadata, 4-byte big-endian artwork length, the artwork bytes (a 1-bit bitmap
// of the merchant logo, already scaled for 203 dpi).
package wire

import (
	"encoding/binary"
	"encoding/json"
	"errors"
)

// Address is a postal address printed on the label.
type Address struct {
	Name    string `json:"name"`
	Line1   string `json:"line1"`
	Line2   string `json:"line2,omitempty"`
	City    string `json:"city"`
	Postal  string `json:"postal"`
	Country string `json:"country"`
}

// Meta is the JSON part of a job.
type Meta struct {
	JobID    string  `json:"job_id"`
	Station  string  `json:"station"`
	Carrier  string  `json:"carrier"`
	Service  string  `json:"service"`
	Tracking string  `json:"tracking"`
	WeightG  int     `json:"weight_g"`
	From     Address `json:"from"`
	To       Address `json:"to"`
	LogoW    int     `json:"logo_w"`
	LogoH    int     `json:"logo_h"`
}

// Job is one decoded print job.
type Job struct {
	Meta
	Artwork []byte
}

var errShort = errors.New("wire: short frame")

// Decode parses one frame. The caller reuses its frame buffer for the next
// read, so the artwork is copied out.
func Decode(frame []byte) (*Job, error) {
	if len(frame) < 12 || string(frame[:4]) != "LBL1" {
		return nil, errors.New("wire: bad magic")
	}
	n := int(binary.BigEndian.Uint32(frame[4:8]))
	if len(frame) < 8+n+4 {
		return nil, errShort
	}
	job := &Job{}
	if err := json.Unmarshal(frame[8:8+n], &job.Meta); err != nil {
		return nil, err
	}
	rest := frame[8+n:]
	m := int(binary.BigEndian.Uint32(rest[:4]))
	if len(rest) < 4+m {
		return nil, errShort
	}
	job.Artwork = make([]byte, m)
	copy(job.Artwork, rest[4:4+m])
	return job, nil
}

// Encode builds a frame; the stations' client library and the tests use it.
func Encode(dst []byte, meta *Meta, artwork []byte) ([]byte, error) {
	js, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	dst = append(dst[:0], "LBL1"...)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(js)))
	dst = append(dst, js...)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(artwork)))
	return append(dst, artwork...), nil
}
