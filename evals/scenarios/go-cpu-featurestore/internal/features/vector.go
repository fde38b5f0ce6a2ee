// Package features holds feature vectors and their on-disk text encoding.
package features

import (
	"errors"
	"math"
	"strconv"
)

// Dim is the embedding width the ranker was trained with.
const Dim = 16

// Vector is one item's embedding plus its freshness metadata.
type Vector struct {
	Version int64
	Values  [Dim]float32
}

// ErrCorrupt is returned for a record that does not decode.
var ErrCorrupt = errors.New("features: corrupt record")

// Encode appends the text form of v ("version v0 v1 ... v15\n") to dst.
func Encode(dst []byte, v *Vector) []byte {
	dst = strconv.AppendInt(dst, v.Version, 10)
	for _, x := range v.Values {
		dst = append(dst, ' ')
		dst = strconv.AppendFloat(dst, float64(x), 'f', 4, 32)
	}
	return append(dst, '\n')
}

// Decode parses a record written by Encode into v.
func Decode(b []byte, v *Vector) error {
	field := 0
	start := 0
	for i := 0; i <= len(b); i++ {
		if i < len(b) && b[i] != ' ' && b[i] != '\n' {
			continue
		}
		if i == start {
			start = i + 1
			continue
		}
		tok := b[start:i]
		start = i + 1
		if field == 0 {
			n, err := parseInt(tok)
			if err != nil {
				return err
			}
			v.Version = n
		} else if field <= Dim {
			v.Values[field-1] = parseFixed(tok)
		}
		field++
	}
	if field != Dim+1 {
		return ErrCorrupt
	}
	return nil
}

func parseInt(tok []byte) (int64, error) {
	var n int64
	for _, c := range tok {
		if c < '0' || c > '9' {
			return 0, ErrCorrupt
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}

// parseFixed reads the fixed-point form written by Encode ("-0.1234").
func parseFixed(tok []byte) float32 {
	neg := false
	if len(tok) > 0 && tok[0] == '-' {
		neg = true
		tok = tok[1:]
	}
	var whole, frac, scale float64 = 0, 0, 1
	seenDot := false
	for _, c := range tok {
		switch {
		case c == '.':
			seenDot = true
		case seenDot:
			frac = frac*10 + float64(c-'0')
			scale *= 10
		default:
			whole = whole*10 + float64(c-'0')
		}
	}
	x := whole + frac/scale
	if neg {
		x = -x
	}
	return float32(x)
}

// Dot is the similarity the ranker uses.
func Dot(a, b *Vector) float32 {
	var s float32
	for i := range a.Values {
		s += a.Values[i] * b.Values[i]
	}
	return s
}

// Normalize scales v to unit length.
func Normalize(v *Vector) {
	var s float64
	for _, x := range v.Values {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v.Values {
		v.Values[i] *= inv
	}
}
