// Package session keeps one session per connected chat client.
package session

import (
	"bytes"
	"net"
	"sync"
	"sync/atomic"
)

// readBufSize is the largest frame a client may send (pasted snippets, small images).
const readBufSize = 32 << 10

// Session is one connected client.
type Session struct {
	ID   uint64
	Room string
	conn net.Conn
	hub  *Hub
}

// Hub is the registry of open sessions.
type Hub struct {
	mu       sync.Mutex
	sessions map[uint64]*Session
	nextID   uint64
	Lines    int64
	Receipts int64
}

// NewHub returns an empty hub.
func NewHub() *Hub {
	return &Hub{sessions: make(map[uint64]*Session)}
}

// Open registers a newly accepted client connection and starts its reader.
func (h *Hub) Open(conn net.Conn, room string) *Session {
	s := &Session{ID: atomic.AddUint64(&h.nextID, 1), Room: room, conn: conn, hub: h}
	h.mu.Lock()
	h.sessions[s.ID] = s
	h.mu.Unlock()
	go s.readLoop()
	return s
}

// Close is called when the client logs out or its session idles out.
func (h *Hub) Close(s *Session) {
	h.mu.Lock()
	delete(h.sessions, s.ID)
	h.mu.Unlock()
}

// OpenCount returns the number of connected clients.
func (h *Hub) OpenCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.sessions)
}

// readLoop reads the client's frames into its read buffer and handles each message.
func (s *Session) readLoop() {
	buf := make([]byte, readBufSize)
	for {
		n, err := s.conn.Read(buf)
		if err != nil {
			return
		}
		s.handle(buf[:n])
	}
}

// handle dispatches one message by its type byte.
func (s *Session) handle(msg []byte) {
	if len(msg) == 0 {
		return
	}
	switch msg[0] {
	case 'M':
		if i := bytes.IndexByte(msg, '\n'); i > 0 {
			atomic.AddInt64(&s.hub.Lines, 1)
		}
	case 'R':
		atomic.AddInt64(&s.hub.Receipts, 1)
	}
}
