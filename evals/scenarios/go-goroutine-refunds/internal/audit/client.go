package audit

import (
	"bufio"
	"net"
	"strings"
	"sync/atomic"
	"time"
)

// Client sends records to the collector at Addr.
type Client struct {
	Addr        string
	DialTimeout time.Duration

	sent   int64
	failed int64
}

// Report sends r in the background; the caller does not wait for the collector.
func (c *Client) Report(r Record) {
	go c.deliver(r.Encode())
}

func (c *Client) deliver(line string) {
	conn, err := net.DialTimeout("tcp", c.Addr, c.DialTimeout)
	if err != nil {
		atomic.AddInt64(&c.failed, 1)
		return
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(line)); err != nil {
		atomic.AddInt64(&c.failed, 1)
		return
	}
	ack, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.HasPrefix(ack, "OK") {
		atomic.AddInt64(&c.failed, 1)
		return
	}
	atomic.AddInt64(&c.sent, 1)
}

// Stats returns how many records were acknowledged and how many failed.
func (c *Client) Stats() (sent, failed int64) {
	return atomic.LoadInt64(&c.sent), atomic.LoadInt64(&c.failed)
}
