// Package exposition parses the text exposition format of a scrape.
package exposition

import (
	"errors"
	"strconv"
	"strings"
)

// Sample is one series value of a scrape.
type Sample struct {
	Name   string
	Labels string // the raw label block without braces, e.g. `job="api",code="200"`
	Value  float64
	TS     int64
}

var errSyntax = errors.New("exposition: bad sample line")

// ParseLine parses `name{labels} value [timestamp]`.
func ParseLine(line string) (Sample, error) {
	var s Sample
	rest := line
	if i := strings.IndexAny(rest, "{ "); i < 0 {
		return s, errSyntax
	} else if rest[i] == '{' {
		j := strings.IndexByte(rest, '}')
		if j < i {
			return s, errSyntax
		}
		s.Name, s.Labels, rest = rest[:i], rest[i+1:j], strings.TrimLeft(rest[j+1:], " ")
	} else {
		s.Name, rest = rest[:i], strings.TrimLeft(rest[i:], " ")
	}
	val, ts, _ := strings.Cut(rest, " ")
	v, err := strconv.ParseFloat(val, 64)
	if err != nil {
		return s, errSyntax
	}
	s.Value = v
	if ts != "" {
		if s.TS, err = strconv.ParseInt(ts, 10, 64); err != nil {
			return s, errSyntax
		}
	}
	return s, nil
}

// Parse parses a whole scrape body, skipping comments and blank lines.
func Parse(body string, into []Sample) ([]Sample, error) {
	for len(body) > 0 {
		line := body
		if i := strings.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = ""
		}
		if line == "" || line[0] == '#' {
			continue
		}
		s, err := ParseLine(line)
		if err != nil {
			return into, err
		}
		into = append(into, s)
	}
	return into, nil
}
