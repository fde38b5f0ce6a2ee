// Package transport provides client connections.
package transport

import "sync"

// Conn is one client connection (in-memory duplex for the simulation).
type Conn struct {
	mu       sync.Mutex
	inbound  []byte
	Received int64
}

// NewConn returns a connection whose client will send the given bytes.
func NewConn(hello []byte) *Conn { return &Conn{inbound: append([]byte(nil), hello...)} }

// Read reads what the client sent.
func (c *Conn) Read(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := copy(p, c.inbound)
	c.inbound = c.inbound[n:]
	return n, nil
}

// Write sends bytes to the client.
func (c *Conn) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.Received += int64(len(p))
	c.mu.Unlock()
	return len(p), nil
}
