// Package segment writes events into segments for the analytics pipeline.
package segment

import (
	"bytes"
	"encoding/json"

	"github.com/acme/clickstream/internal/event"
)

// Writer appends JSON lines to the current segment and rotates it when full.
type Writer struct {
	MaxBytes int
	cur      bytes.Buffer
	Sealed   int
	Events   int
}

// Append writes one event.
func (w *Writer) Append(e *event.Event) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	w.cur.Write(line)
	w.cur.WriteByte('\n')
	w.Events++
	if w.cur.Len() >= w.MaxBytes {
		w.cur.Reset()
		w.Sealed++
	}
	return nil
}
