// Package acquirer talks to the card acquirer over its host-to-host session.
package acquirer

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand"
	"strconv"
	"sync"
	"time"
)

// Charge is one amount to authorise and capture on a stored card token.
type Charge struct {
	Reference string
	CardToken string
	AmountCts int64
	Currency  string
	Merchant  string
}

// Result is the acquirer's answer.
type Result struct {
	AuthCode string
	Attempts int
}

// Client is the single host-to-host session the acquirer grants us. Every
// message on it must carry the next sequence number (STAN), and the host
// rejects a number it has already seen, so sending is serialised on mu.
type Client struct {
	host *Host

	mu     sync.Mutex
	stan   uint64
	jitter *rand.Rand

	MaxRetries int
	BaseDelay  time.Duration
}

// NewClient opens the session.
func NewClient(host *Host) *Client {
	return &Client{host: host, jitter: rand.New(rand.NewSource(42)), MaxRetries: 4, BaseDelay: 500 * time.Microsecond}
}

// Authorize sends the charge and retries with exponential backoff while the
// host answers "retry".
func (c *Client) Authorize(ch Charge) (Result, error) {
	c.mu.Lock()
	var res Result
	var err error
	for attempt := 0; ; attempt++ {
		c.stan++
		msg := encode(ch, c.stan)
		var code [6]byte
		code, err = c.host.exchange(msg, c.stan)
		res.Attempts = attempt + 1
		if err == nil {
			res.AuthCode = hex.EncodeToString(code[:])
			break
		}
		if !errors.Is(err, ErrThrottled) || attempt >= c.MaxRetries {
			break
		}
		time.Sleep(c.backoff(attempt))
	}
	c.mu.Unlock()
	return res, err
}

// backoff returns the delay before retry attempt+1: BaseDelay doubled per
// attempt, plus up to 50% jitter.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.BaseDelay << uint(attempt)
	return d + time.Duration(c.jitter.Int63n(int64(d)/2+1))
}

// encode renders the authorisation request in the acquirer's field=value format.
func encode(ch Charge, stan uint64) []byte {
	b := make([]byte, 0, 160)
	b = append(b, "MTI=0100;STAN="...)
	b = strconv.AppendUint(b, stan, 10)
	b = append(b, ";TOKEN="...)
	b = append(b, ch.CardToken...)
	b = append(b, ";AMT="...)
	b = strconv.AppendInt(b, ch.AmountCts, 10)
	b = append(b, ";CUR="...)
	b = append(b, ch.Currency...)
	b = append(b, ";MID="...)
	b = append(b, ch.Merchant...)
	b = append(b, ";REF="...)
	b = append(b, ch.Reference...)
	return append(b, fmt.Sprintf(";TS=%d", time.Now().Unix())...)
}
