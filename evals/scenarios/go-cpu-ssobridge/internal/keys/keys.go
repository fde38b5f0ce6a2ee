// Package keys holds the token signing keys. A new key is introduced every hour; older keys
// stay valid for checking until the tokens they signed have expired.
package keys

import (
	"fmt"
	"math/rand"
	"sync"
	"time"
)

// Key is one signing key.
type Key struct {
	ID       string
	Secret   []byte
	Created  time.Time
	NotAfter time.Time // no token signed with it is valid after this
}

// Ring is the set of keys, oldest first; the last one signs new tokens.
type Ring struct {
	mu   sync.RWMutex
	keys []Key
}

// Retain is how long a key is kept after it stopped signing.
const Retain = 48 * time.Hour

// NewRing makes a ring with the keys rotated hourly up to now, as the identity provider
// published them (seeded so runs are reproducible).
func NewRing(now time.Time, seed int64) *Ring {
	r := rand.New(rand.NewSource(seed))
	ring := &Ring{}
	start := now.Add(-Retain).Truncate(time.Hour)
	for t := start; !t.After(now); t = t.Add(time.Hour) {
		secret := make([]byte, 32)
		r.Read(secret)
		ring.keys = append(ring.keys, Key{
			ID:       fmt.Sprintf("sso-%s", t.Format("2006010215")),
			Secret:   secret,
			Created:  t,
			NotAfter: t.Add(time.Hour + Retain),
		})
	}
	return ring
}

// Current returns the key that signs new tokens.
func (r *Ring) Current() Key {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.keys[len(r.keys)-1]
}

// Recent returns the key n rotations before the current one (0 is the current key).
func (r *Ring) Recent(n int) Key {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if n >= len(r.keys) {
		n = len(r.keys) - 1
	}
	return r.keys[len(r.keys)-1-n]
}

// Valid returns the keys that may still have signed a live token at now, oldest first.
func (r *Ring) Valid(now time.Time) []Key {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Key, 0, len(r.keys))
	for _, k := range r.keys {
		if now.Before(k.NotAfter) {
			out = append(out, k)
		}
	}
	return out
}
