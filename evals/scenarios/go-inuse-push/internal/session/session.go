// Package session keeps the state of one client connection.
package session

import (
	"bufio"
	"bytes"
	"sync"

	"github.com/acme/push/internal/frames"
	"github.com/acme/push/internal/transport"
)

// BufferSize is the size of the per-connection read and write buffers.
const BufferSize = 64 << 10

// Session is a connected client.
type Session struct {
	ID     uint64
	Device string

	mu     sync.Mutex
	conn   *transport.Conn
	rd     *bufio.Reader
	wr     *bufio.Writer
	frame  []byte
	Topics []string
	Sent   int64
}

// Open sets up the session of a freshly accepted connection and reads its hello line.
func Open(id uint64, conn *transport.Conn) (*Session, error) {
	s := &Session{
		ID:   id,
		conn: conn,
		rd:   bufio.NewReaderSize(conn, BufferSize),
		wr:   bufio.NewWriterSize(conn, BufferSize),
	}
	hello, err := s.rd.ReadBytes('\n')
	if err != nil {
		return nil, err
	}
	fields := bytes.Fields(hello)
	if len(fields) > 1 {
		s.Device = string(fields[1])
		for _, t := range fields[2:] {
			s.Topics = append(s.Topics, string(t))
		}
	}
	return s, nil
}

// Deliver writes one notification frame to the client.
func (s *Session) Deliver(topic string, payload []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.frame = frames.Append(s.frame[:0], topic, payload)
	if _, err := s.wr.Write(s.frame); err != nil {
		return err
	}
	s.Sent++
	return s.wr.Flush()
}
