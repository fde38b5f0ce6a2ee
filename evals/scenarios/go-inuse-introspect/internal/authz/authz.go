// Package authz authorises gateway requests by their bearer token.
package authz

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/acme/introspect/internal/tokencache"
)

// Introspection is the authorization server's answer (RFC 7662).
type Introspection struct {
	Active      bool     `json:"active"`
	ClientID    string   `json:"client_id"`
	Subject     string   `json:"sub"`
	Scope       string   `json:"scope"`
	Exp         int64    `json:"exp"`
	Permissions []string `json:"permissions"`
}

// Server answers introspection requests (the authorization server, simulated).
type Server interface {
	Introspect(token string) ([]byte, error)
}

// Checker authorises requests, asking the server only on a cache miss.
type Checker struct {
	Server Server
	Cache  *tokencache.Cache
	Calls  int64
}

// ErrInactive is returned for revoked or expired tokens.
var ErrInactive = errors.New("token is not active")

// Allow reports whether the token grants scope.
func (c *Checker) Allow(token, scope string, now time.Time) (bool, error) {
	sum := sha256.Sum256([]byte(token))
	key := hex.EncodeToString(sum[:])
	raw, ok := c.Cache.Get(key, now)
	if !ok {
		var err error
		raw, err = c.Server.Introspect(token)
		if err != nil {
			return false, err
		}
		c.Calls++
		var in Introspection
		if err := json.Unmarshal(raw, &in); err != nil {
			return false, err
		}
		if !in.Active {
			return false, ErrInactive
		}
		c.Cache.Put(key, raw, time.Unix(in.Exp, 0), now)
	}
	return bytes.Contains(raw, []byte(scope)), nil
}
