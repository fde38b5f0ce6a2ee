// Package timesheet reads the CSV export of the technicians' mobile app.
package timesheet

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Entry is one line of a timesheet: hours worked by a technician on a project on a day.
type Entry struct {
	Technician string
	Day        time.Time
	Project    string
	Minutes    int
	Overtime   bool
}

// Upload is one technician's export for one day, as the app sends it.
type Upload struct {
	ID         string
	Technician string
	Body       []byte
}

var errColumns = errors.New("expected 5 columns")

// Parse reads the upload's lines (technician;date;project;hours;flags) into entries, using buf
// to normalise each line (trimmed, project codes upper-cased) before it is split.
func Parse(u Upload, buf []byte, out []Entry) ([]Entry, error) {
	lines := bytes.Split(u.Body, []byte{'\n'})
	for n, line := range lines {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		buf = normalise(buf[:0], line)
		cols := bytes.Split(buf, []byte{';'})
		if len(cols) != 5 {
			return out, fmt.Errorf("upload %s line %d: %w", u.ID, n+1, errColumns)
		}
		day, err := time.Parse("2006-01-02", string(cols[1]))
		if err != nil {
			return out, fmt.Errorf("upload %s line %d: %v", u.ID, n+1, err)
		}
		hours, err := strconv.ParseFloat(string(cols[3]), 64)
		if err != nil || hours < 0 || hours > 16 {
			return out, fmt.Errorf("upload %s line %d: bad hours %q", u.ID, n+1, cols[3])
		}
		out = append(out, Entry{
			Technician: u.Technician,
			Day:        day,
			Project:    string(cols[2]),
			Minutes:    int(hours*60 + 0.5),
			Overtime:   bytes.Contains(cols[4], []byte("OT")),
		})
	}
	return out, nil
}

// normalise appends line to dst with spaces around separators removed and letters of the
// project column upper-cased.
func normalise(dst, line []byte) []byte {
	col := 0
	for _, c := range line {
		switch {
		case c == ';':
			dst = bytes.TrimRight(dst, " ")
			dst = append(dst, c)
			col++
		case c == ' ' && (len(dst) == 0 || dst[len(dst)-1] == ';'):
		case col == 2 && c >= 'a' && c <= 'z':
			dst = append(dst, c-'a'+'A')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
