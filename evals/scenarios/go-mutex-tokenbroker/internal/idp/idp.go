// Package idp talks to the identity provider's token endpoint.
package idp

import (
	"crypto/rand"
	"encoding/base64"
	"time"
)

// Token is an issued access token.
type Token struct {
	Value   string
	Expires time.Time
}

// Client requests client-credentials tokens.
type Client struct {
	ClientID string
	TTL      time.Duration
	Latency  time.Duration // round trip to the token endpoint
}

// Fetch requests a token for audience and scopes.
func (c *Client) Fetch(audience string, scopes []string) (Token, error) {
	time.Sleep(c.Latency)
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return Token{}, err
	}
	return Token{Value: base64.RawURLEncoding.EncodeToString(b), Expires: time.Now().Add(c.TTL)}, nil
}
