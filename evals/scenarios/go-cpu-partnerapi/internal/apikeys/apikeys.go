// Package apikeys stores the API keys issued to partners and verifies presented secrets.
package apikeys

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"sync"
	"time"
)

// Iterations is the key-derivation work factor used when a key is issued.
const Iterations = 10000

// Key is an issued API key; the secret itself is never stored.
type Key struct {
	ID        string
	PartnerID string
	Scopes    []string
	Salt      []byte
	Hash      []byte
	Revoked   bool
	IssuedAt  time.Time
}

// Errors returned by Verify.
var (
	ErrUnknownKey = errors.New("apikeys: unknown key")
	ErrRevoked    = errors.New("apikeys: key revoked")
	ErrMismatch   = errors.New("apikeys: secret does not match")
)

// Store holds the issued keys.
type Store struct {
	mu   sync.RWMutex
	keys map[string]*Key
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{keys: make(map[string]*Key)}
}

// Issue creates a key for the partner and returns it with its plain secret (shown once).
func (s *Store) Issue(partnerID string, scopes []string) (*Key, string, error) {
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return nil, "", err
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, "", err
	}
	secret := hex.EncodeToString(raw)
	k := &Key{
		ID:        "pk_" + hex.EncodeToString(raw[:6]),
		PartnerID: partnerID,
		Scopes:    scopes,
		Salt:      salt,
		Hash:      deriveKey([]byte(secret), salt, Iterations),
		IssuedAt:  time.Now(),
	}
	s.mu.Lock()
	s.keys[k.ID] = k
	s.mu.Unlock()
	return k, secret, nil
}

// Revoke disables a key.
func (s *Store) Revoke(id string) {
	s.mu.Lock()
	if k, ok := s.keys[id]; ok {
		k.Revoked = true
	}
	s.mu.Unlock()
}

// Verify checks a presented secret against the stored derived hash.
func (s *Store) Verify(id, secret string) (*Key, error) {
	s.mu.RLock()
	k, ok := s.keys[id]
	s.mu.RUnlock()
	if !ok {
		return nil, ErrUnknownKey
	}
	if k.Revoked {
		return nil, ErrRevoked
	}
	got := deriveKey([]byte(secret), k.Salt, Iterations)
	if subtle.ConstantTimeCompare(got, k.Hash) != 1 {
		return nil, ErrMismatch
	}
	return k, nil
}

// deriveKey is PBKDF2-HMAC-SHA256 producing one 32-byte block.
func deriveKey(secret, salt []byte, iterations int) []byte {
	prf := hmac.New(sha256.New, secret)
	var idx [4]byte
	binary.BigEndian.PutUint32(idx[:], 1)
	prf.Write(salt)
	prf.Write(idx[:])
	u := prf.Sum(nil)
	t := make([]byte, len(u))
	copy(t, u)
	for n := 1; n < iterations; n++ {
		prf.Reset()
		prf.Write(u)
		u = prf.Sum(u[:0])
		for i := range t {
			t[i] ^= u[i]
		}
	}
	return t
}
