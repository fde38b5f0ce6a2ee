// Package zonefeed reads the zone document the zone editor publishes.
//
// One zone per line:
//
//	id|depot|fee_cents|lat,lng;lat,lng;...
package zonefeed

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"

	"github.com/acme/courierzones/internal/geo"
)

// Zone is one delivery zone as drawn in the editor.
type Zone struct {
	ID       string
	Depot    string
	FeeCents int
	Area     geo.Polygon
}

// Document is one published revision.
type Document struct {
	Revision int
	Zones    []Zone
}

// Decode parses a published revision.
func Decode(rev int, data []byte) (*Document, error) {
	doc := &Document{Revision: rev}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		f := bytes.SplitN(line, []byte("|"), 4)
		if len(f) != 4 {
			return nil, fmt.Errorf("zonefeed: rev %d line %d: want 4 fields", rev, n)
		}
		fee, err := strconv.Atoi(string(f[2]))
		if err != nil {
			return nil, fmt.Errorf("zonefeed: rev %d line %d: fee: %w", rev, n, err)
		}
		ring := f[3]
		pts := make([]geo.Point, 0, bytes.Count(ring, []byte(";"))+1)
		for len(ring) > 0 {
			var pair []byte
			if i := bytes.IndexByte(ring, ';'); i >= 0 {
				pair, ring = ring[:i], ring[i+1:]
			} else {
				pair, ring = ring, nil
			}
			comma := bytes.IndexByte(pair, ',')
			if comma < 0 {
				return nil, fmt.Errorf("zonefeed: rev %d line %d: bad point %q", rev, n, pair)
			}
			lat, err1 := strconv.ParseFloat(string(pair[:comma]), 64)
			lng, err2 := strconv.ParseFloat(string(pair[comma+1:]), 64)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("zonefeed: rev %d line %d: bad point %q", rev, n, pair)
			}
			pts = append(pts, geo.Point{Lat: lat, Lng: lng})
		}
		z := Zone{ID: string(f[0]), Depot: string(f[1]), FeeCents: fee, Area: geo.Polygon{Points: pts}}
		z.Area.ComputeBounds()
		doc.Zones = append(doc.Zones, z)
	}
	return doc, sc.Err()
}

// Encode renders a document in the published format (used by the editor and tests).
func Encode(doc *Document) []byte {
	var b bytes.Buffer
	for _, z := range doc.Zones {
		fmt.Fprintf(&b, "%s|%s|%d|", z.ID, z.Depot, z.FeeCents)
		for i, p := range z.Area.Points {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(strconv.FormatFloat(p.Lat, 'f', 6, 64))
			b.WriteByte(',')
			b.WriteString(strconv.FormatFloat(p.Lng, 'f', 6, 64))
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}
