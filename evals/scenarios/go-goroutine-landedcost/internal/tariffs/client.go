package tariffs

import (
	"context"
	"fmt"
	"io"
	"net"
	"sync/atomic"
	"time"
)

// Client asks the tariff service for duty rates.
type Client struct {
	Addr    string
	Timeout time.Duration // whole exchange, dial included

	dialer net.Dialer
	calls  int64
	failed int64
}

// Rates returns the duty rates of codes for shipments into country.
func (c *Client) Rates(ctx context.Context, country string, codes []string) (map[string]Rate, error) {
	atomic.AddInt64(&c.calls, 1)
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	conn, err := c.dialer.DialContext(ctx, "tcp", c.Addr)
	if err != nil {
		atomic.AddInt64(&c.failed, 1)
		return nil, fmt.Errorf("tariffs: dial: %w", err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	if _, err := io.WriteString(conn, FormatRequest(country, codes)); err != nil {
		atomic.AddInt64(&c.failed, 1)
		return nil, fmt.Errorf("tariffs: send: %w", err)
	}
	resp, err := io.ReadAll(conn)
	if err != nil {
		atomic.AddInt64(&c.failed, 1)
		return nil, fmt.Errorf("tariffs: read: %w", err)
	}
	return ParseResponse(string(resp))
}

// Stats returns how many calls were made and how many failed.
func (c *Client) Stats() (calls, failed int64) {
	return atomic.LoadInt64(&c.calls), atomic.LoadInt64(&c.failed)
}
