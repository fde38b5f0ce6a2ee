// Package logx is a small levelled logger on top of the standard library's log.
package logx

import (
	"io"
	"log"
	"sync/atomic"
)

// Level is a log severity.
type Level int32

// Levels, most verbose first.
const (
	Debug Level = iota
	Info
	Warn
	Error
)

// Logger writes messages at or above its level.
type Logger struct {
	level int32
	out   *log.Logger
}

// New returns a logger writing to w at the given level.
func New(w io.Writer, level Level) *Logger {
	return &Logger{level: int32(level), out: log.New(w, "", log.LstdFlags|log.Lmicroseconds)}
}

// SetLevel changes the level at run time (the admin endpoint flips it to Debug when
// support investigates a gateway).
func (l *Logger) SetLevel(level Level) { atomic.StoreInt32(&l.level, int32(level)) }

// Enabled reports whether messages at level are written.
func (l *Logger) Enabled(level Level) bool { return Level(atomic.LoadInt32(&l.level)) <= level }

func (l *Logger) logf(level Level, prefix, format string, args ...any) {
	if !l.Enabled(level) {
		return
	}
	l.out.Printf(prefix+format, args...)
}

// Debugf logs at Debug level.
func (l *Logger) Debugf(format string, args ...any) { l.logf(Debug, "DEBUG ", format, args...) }

// Infof logs at Info level.
func (l *Logger) Infof(format string, args ...any) { l.logf(Info, "INFO ", format, args...) }

// Warnf logs at Warn level.
func (l *Logger) Warnf(format string, args ...any) { l.logf(Warn, "WARN ", format, args...) }
