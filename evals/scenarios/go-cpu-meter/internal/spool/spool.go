// Package spool writes usage records to on-disk spool segments.
package spool

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/acme/meter/internal/usage"
)

// Segment is one spool file being written.
type Segment struct {
	f       *os.File
	w       *bufio.Writer
	line    []byte
	Records int64
	Bytes   int64
}

// Create opens a new segment file in dir.
func Create(dir string, n int) (*Segment, error) {
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("usage-%04d.spool", n)))
	if err != nil {
		return nil, err
	}
	return &Segment{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// Append writes one record to the segment.
func (s *Segment) Append(r *usage.Record) error {
	s.line = r.AppendLine(s.line[:0])
	if _, err := s.w.Write(s.line); err != nil {
		return err
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	s.Records++
	s.Bytes += int64(len(s.line))
	return nil
}

// Close flushes and closes the segment.
func (s *Segment) Close() error {
	if err := s.w.Flush(); err != nil {
		s.f.Close()
		return err
	}
	return s.f.Close()
}
