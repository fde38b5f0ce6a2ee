package audit

import (
	"bufio"
	"hash/fnv"
	"net"
	"sync"
)

// Collector is a local stand-in for the audit collector used by the traffic
// simulation. Like the real one under load, it sometimes takes a record and
// then keeps the connection open without acknowledging it (its queue is full).
type Collector struct {
	ln      net.Listener
	mu      sync.Mutex
	stalled []net.Conn
	count   int64
}

// StartCollector listens on a loopback port.
func StartCollector() (*Collector, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	c := &Collector{ln: ln}
	go c.serve()
	return c, nil
}

// Addr is the address clients dial.
func (c *Collector) Addr() string { return c.ln.Addr().String() }

func (c *Collector) serve() {
	for {
		conn, err := c.ln.Accept()
		if err != nil {
			return
		}
		go c.handle(conn)
	}
}

func (c *Collector) handle(conn net.Conn) {
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		conn.Close()
		return
	}
	h := fnv.New32a()
	h.Write([]byte(line))
	if h.Sum32()%100 < 4 {
		c.mu.Lock()
		c.stalled = append(c.stalled, conn)
		c.mu.Unlock()
		return
	}
	conn.Write([]byte("OK\n"))
	conn.Close()
}

// Close stops accepting and drops stalled connections.
func (c *Collector) Close() {
	c.ln.Close()
}
