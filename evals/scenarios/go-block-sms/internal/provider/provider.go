// Package provider is the SMS provider API client.
package provider

import (
	"sync/atomic"
	"time"
)

// Client submits messages to the provider.
type Client struct {
	Latency   time.Duration
	Submitted atomic.Int64
}

// Submit sends one message from sender to the recipient.
func (c *Client) Submit(from, to, text string) (string, error) {
	time.Sleep(c.Latency)
	n := c.Submitted.Add(1)
	return from + "-" + to + "-" + string(rune('a'+n%26)), nil
}
