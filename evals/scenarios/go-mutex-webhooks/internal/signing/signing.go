// Package signing signs outgoing webhook payloads.
package signing

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
	"sync"
)

// The HMAC is keyed once with the signing secret and shared: hmac.New allocates two
// SHA-256 states and pads the key on every call.
var (
	mu  sync.Mutex
	mac hash.Hash
)

// Init sets the signing secret.
func Init(secret []byte) {
	mu.Lock()
	mac = hmac.New(sha256.New, secret)
	mu.Unlock()
}

// Signature returns the signature header of a payload sent at unix time ts.
func Signature(ts int64, payload []byte) string {
	stamp := strconv.FormatInt(ts, 10)
	mu.Lock()
	mac.Reset()
	mac.Write([]byte(stamp))
	mac.Write([]byte{'.'})
	mac.Write(payload)
	sum := mac.Sum(nil)
	mu.Unlock()
	return "t=" + stamp + ",v1=" + hex.EncodeToString(sum)
}
