// Package tokencache caches access tokens per audience.
package tokencache

import (
	"sync"
	"time"

	"github.com/acme/tokenbroker/internal/idp"
)

// Cache keeps one token per audience and refreshes it shortly before expiry.
type Cache struct {
	IDP    *idp.Client
	Margin time.Duration

	mu      sync.Mutex
	tokens  map[string]idp.Token
	Fetches int
}

// Token returns a valid token for audience.
func (c *Cache) Token(audience string, scopes []string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tokens == nil {
		c.tokens = map[string]idp.Token{}
	}
	t, ok := c.tokens[audience]
	if ok && time.Until(t.Expires) > c.Margin {
		return t.Value, nil
	}
	t, err := c.IDP.Fetch(audience, scopes)
	if err != nil {
		return "", err
	}
	c.Fetches++
	c.tokens[audience] = t
	return t.Value, nil
}
