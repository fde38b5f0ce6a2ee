// Package authn authenticates partner requests by API key.
package authn

import (
	"crypto/subtle"
	"errors"
	"strings"

	"github.com/acme/apikeys/internal/kdf"
	"github.com/acme/apikeys/internal/keystore"
)

// ErrUnauthorized is returned for unknown or wrong keys.
var ErrUnauthorized = errors.New("authn: unauthorized")

// Principal is an authenticated partner.
type Principal struct {
	Partner string
	Scopes  []string
}

// Verifier checks API keys against the key store.
type Verifier struct {
	Store *keystore.Store
}

// Authenticate checks the Authorization header value of a request.
func (v *Verifier) Authenticate(header string) (Principal, error) {
	key := strings.TrimPrefix(header, "Bearer ")
	parts := strings.Split(key, "_")
	if len(parts) != 3 || parts[0] != "ak" {
		return Principal{}, ErrUnauthorized
	}
	rec, ok := v.Store.Lookup(parts[1])
	if !ok {
		return Principal{}, ErrUnauthorized
	}
	derived := kdf.Key([]byte(key), rec.Salt, keystore.Iterations, len(rec.Derived))
	if subtle.ConstantTimeCompare(derived, rec.Derived) != 1 {
		return Principal{}, ErrUnauthorized
	}
	return Principal{Partner: rec.Partner, Scopes: rec.Scopes}, nil
}
