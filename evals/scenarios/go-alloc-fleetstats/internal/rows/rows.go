// Package rows writes export rows in the data lake's text formats.
package rows

import (
	"fmt"
	"io"
	"strconv"
	"time"
)

// Writer receives one row of column values at a time.
type Writer interface {
	WriteRow(cols []interface{}) error
	Flush() error
}

// ColumnText writes tab-separated rows with typed column encodings.
type ColumnText struct {
	out   io.Writer
	buf   []byte
	limit int
	rows  int
}

// NewColumnText returns a ColumnText writer that flushes to out every limit bytes.
func NewColumnText(out io.Writer, limit int) *ColumnText {
	return &ColumnText{out: out, buf: make([]byte, 0, limit+512), limit: limit}
}

// WriteRow appends one row.
func (w *ColumnText) WriteRow(cols []interface{}) error {
	for i, c := range cols {
		if i > 0 {
			w.buf = append(w.buf, '\t')
		}
		w.buf = appendValue(w.buf, c)
	}
	w.buf = append(w.buf, '\n')
	w.rows++
	if len(w.buf) >= w.limit {
		return w.Flush()
	}
	return nil
}

// Flush writes the buffered rows.
func (w *ColumnText) Flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.out.Write(w.buf)
	w.buf = w.buf[:0]
	return err
}

// Rows returns how many rows were written.
func (w *ColumnText) Rows() int { return w.rows }

// CSV writes comma-separated rows, quoting strings.
type CSV struct {
	out io.Writer
	buf []byte
}

// NewCSV returns a CSV writer.
func NewCSV(out io.Writer) *CSV { return &CSV{out: out} }

// WriteRow appends one row.
func (w *CSV) WriteRow(cols []interface{}) error {
	for i, c := range cols {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		if s, ok := c.(string); ok {
			w.buf = strconv.AppendQuote(w.buf, s)
			continue
		}
		w.buf = appendValue(w.buf, c)
	}
	w.buf = append(w.buf, '\r', '\n')
	if len(w.buf) >= 64<<10 {
		return w.Flush()
	}
	return nil
}

// Flush writes the buffered rows.
func (w *CSV) Flush() error {
	_, err := w.out.Write(w.buf)
	w.buf = w.buf[:0]
	return err
}

func appendValue(b []byte, v interface{}) []byte {
	switch x := v.(type) {
	case string:
		return append(b, x...)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case uint64:
		return strconv.AppendUint(b, x, 10)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case float64:
		return strconv.AppendFloat(b, x, 'f', 5, 64)
	case bool:
		return strconv.AppendBool(b, x)
	case time.Time:
		return x.AppendFormat(b, time.RFC3339Nano)
	case fmt.Stringer:
		return append(b, x.String()...)
	case nil:
		return b
	default:
		return append(b, fmt.Sprint(x)...)
	}
}

// Counter is an io.Writer that only counts bytes (the lake uploader in tests and load runs).
type Counter struct{ N int64 }

// Write counts p.
func (c *Counter) Write(p []byte) (int, error) {
	c.N += int64(len(p))
	return len(p), nil
}
