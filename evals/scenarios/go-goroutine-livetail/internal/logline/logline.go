// Package logline models the log lines flowing through the ingest pipeline.
package logline

import (
	"errors"
	"strings"
	"time"
)

// Level is a log severity.
type Level int

// Severities, lowest first.
const (
	Debug Level = iota
	Info
	Warn
	Error
)

var levelNames = map[string]Level{"DEBUG": Debug, "INFO": Info, "WARN": Warn, "ERROR": Error}

// String returns the level's upper-case name.
func (l Level) String() string {
	switch l {
	case Debug:
		return "DEBUG"
	case Info:
		return "INFO"
	case Warn:
		return "WARN"
	default:
		return "ERROR"
	}
}

// Line is one ingested log line.
type Line struct {
	At      time.Time
	Service string
	Level   Level
	Message string
}

// ErrMalformed is returned for lines that do not have the "service LEVEL message" shape.
var ErrMalformed = errors.New("logline: malformed")

// Parse reads "service LEVEL message" as produced by the shippers.
func Parse(at time.Time, raw string) (Line, error) {
	svc, rest, ok := strings.Cut(raw, " ")
	if !ok || svc == "" {
		return Line{}, ErrMalformed
	}
	lvl, msg, ok := strings.Cut(rest, " ")
	if !ok {
		return Line{}, ErrMalformed
	}
	level, known := levelNames[lvl]
	if !known {
		return Line{}, ErrMalformed
	}
	return Line{At: at, Service: svc, Level: level, Message: msg}, nil
}

// Format renders the line the way the dashboard shows it.
func (l Line) Format() string {
	var b strings.Builder
	b.WriteString(l.At.UTC().Format("15:04:05.000"))
	b.WriteByte(' ')
	b.WriteString(l.Service)
	b.WriteByte(' ')
	b.WriteString(l.Level.String())
	b.WriteByte(' ')
	b.WriteString(l.Message)
	return b.String()
}
