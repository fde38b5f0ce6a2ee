// Package logline parses agent log lines.
package logline

import "bytes"

// Entry is a parsed log line.
type Entry struct {
	Time    []byte
	Level   []byte
	Service []byte
	Message []byte
}

// Parse splits a line "TIME LEVEL SERVICE rest".
func Parse(line []byte) (Entry, bool) {
	var e Entry
	var ok bool
	if e.Time, line, ok = bytes.Cut(line, []byte{' '}); !ok {
		return e, false
	}
	if e.Level, line, ok = bytes.Cut(line, []byte{' '}); !ok {
		return e, false
	}
	if e.Service, e.Message, ok = bytes.Cut(line, []byte{' '}); !ok {
		return e, false
	}
	return e, true
}
