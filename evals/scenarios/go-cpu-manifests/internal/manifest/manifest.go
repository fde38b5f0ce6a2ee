// Package manifest parses cargo manifest files.
package manifest

import (
	"bytes"
	"errors"
)

// Field indexes of a package line.
const (
	HouseBill = iota
	HSCode
	Description
	Weight
	Origin
	Consignee
	numFields
)

// Field is one value of a line and where it starts in the file.
type Field struct {
	Value  string
	Offset int
}

// Line is one package of the consignment.
type Line struct {
	Offset int
	Fields [numFields]Field
	Short  bool // fewer fields than the format has
}

// Manifest is a parsed upload.
type Manifest struct {
	Voyage string
	Source []byte
	Lines  []Line
}

// ErrEmpty is returned for an upload without a header line.
var ErrEmpty = errors.New("manifest: empty file")

// Parse splits the upload into its header (the voyage) and package lines.
func Parse(src []byte) (*Manifest, error) {
	nl := bytes.IndexByte(src, '\n')
	if nl <= 0 {
		return nil, ErrEmpty
	}
	m := &Manifest{Voyage: string(bytes.TrimSpace(src[:nl])), Source: src}
	off := nl + 1
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		if end > 0 {
			m.Lines = append(m.Lines, parseLine(src[off:off+end], off))
		}
		off += end + 1
	}
	return m, nil
}

func parseLine(b []byte, base int) Line {
	ln := Line{Offset: base}
	start, n := 0, 0
	for i := 0; i <= len(b) && n < numFields; i++ {
		if i == len(b) || b[i] == '|' {
			ln.Fields[n] = Field{Value: string(b[start:i]), Offset: base + start}
			n++
			start = i + 1
		}
	}
	ln.Short = n < numFields
	return ln
}
