// Package x12 splits X12 interchanges into envelopes and segments.
package x12

import (
	"bytes"
	"errors"
)

// ErrNoEnvelope is returned when the body does not start with an ISA segment.
var ErrNoEnvelope = errors.New("x12: missing ISA envelope")

// Segment is one segment: its id and its elements (views into the body).
type Segment struct {
	ID       string
	Elements [][]byte
}

// Interchange is the parsed envelope of one body.
type Interchange struct {
	Sender, Receiver string
	Control          string
	Sets             []TransactionSet
}

// TransactionSet is one ST..SE group.
type TransactionSet struct {
	Code     string
	Control  string
	Segments []Segment
}

// Parse splits body into transaction sets. The ISA segment fixes the element
// separator (byte 3) and the segment terminator (byte 105).
func Parse(body []byte) (*Interchange, error) {
	if len(body) < 106 || !bytes.HasPrefix(body, []byte("ISA")) {
		return nil, ErrNoEnvelope
	}
	elemSep := body[3]
	segTerm := body[105]
	ic := &Interchange{}
	var cur *TransactionSet
	for len(body) > 0 {
		i := bytes.IndexByte(body, segTerm)
		var raw []byte
		if i < 0 {
			raw, body = body, nil
		} else {
			raw, body = body[:i], body[i+1:]
		}
		raw = bytes.TrimLeft(raw, "\r\n")
		if len(raw) == 0 {
			continue
		}
		parts := bytes.Split(raw, []byte{elemSep})
		seg := Segment{ID: string(parts[0]), Elements: parts[1:]}
		switch seg.ID {
		case "ISA":
			if len(seg.Elements) >= 13 {
				ic.Sender = string(bytes.TrimSpace(seg.Elements[5]))
				ic.Receiver = string(bytes.TrimSpace(seg.Elements[7]))
				ic.Control = string(seg.Elements[12])
			}
		case "ST":
			ic.Sets = append(ic.Sets, TransactionSet{Code: elem(seg, 0), Control: elem(seg, 1)})
			cur = &ic.Sets[len(ic.Sets)-1]
		case "SE":
			cur = nil
		case "GS", "GE", "IEA":
		default:
			if cur != nil {
				cur.Segments = append(cur.Segments, seg)
			}
		}
	}
	return ic, nil
}

func elem(s Segment, i int) string {
	if i < len(s.Elements) {
		return string(s.Elements[i])
	}
	return ""
}
