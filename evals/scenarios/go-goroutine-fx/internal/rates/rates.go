// Package rates retrieves quotes within a deadline.
package rates

import (
	"errors"
	"time"

	"github.com/acme/fx/internal/currency"
	"github.com/acme/fx/internal/upstream"
)

// ErrTimeout is returned when the provider does not answer in time.
var ErrTimeout = errors.New("rates: quote timed out")

type result struct {
	q   upstream.Quote
	err error
}

// Client gets quotes from the provider, giving up after Timeout.
type Client struct {
	Provider *upstream.Provider
	Timeout  time.Duration
}

// Quote returns the current quote of p or ErrTimeout.
func (c *Client) Quote(p currency.Pair) (upstream.Quote, error) {
	ch := make(chan result)
	go c.fetch(p, ch)
	select {
	case r := <-ch:
		return r.q, r.err
	case <-time.After(c.Timeout):
		return upstream.Quote{}, ErrTimeout
	}
}

func (c *Client) fetch(p currency.Pair, ch chan result) {
	q, err := c.Provider.Fetch(p)
	ch <- result{q: q, err: err}
}
