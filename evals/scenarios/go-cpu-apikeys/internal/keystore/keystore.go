// Package keystore holds the issued API keys of partners.
package keystore

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/acme/apikeys/internal/kdf"
)

// Iterations is the PBKDF2 work factor for stored keys.
const Iterations = 2048

// Record is what is stored for one issued key.
type Record struct {
	KeyID   string
	Partner string
	Salt    []byte
	Derived []byte
	Scopes  []string
}

// Store maps key ids to records.
type Store struct {
	records map[string]*Record
}

// New returns an empty store.
func New() *Store { return &Store{records: map[string]*Record{}} }

// Issue creates a key for partner and returns the full key to hand out.
func (s *Store) Issue(partner string, scopes []string) (string, error) {
	id := make([]byte, 6)
	secret := make([]byte, 24)
	salt := make([]byte, 16)
	for _, b := range [][]byte{id, secret, salt} {
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
	}
	keyID := hex.EncodeToString(id)
	full := fmt.Sprintf("ak_%s_%s", keyID, hex.EncodeToString(secret))
	s.records[keyID] = &Record{
		KeyID: keyID, Partner: partner, Salt: salt, Scopes: scopes,
		Derived: kdf.Key([]byte(full), salt, Iterations, 32),
	}
	return full, nil
}

// Lookup returns the record of keyID.
func (s *Store) Lookup(keyID string) (*Record, bool) {
	r, ok := s.records[keyID]
	return r, ok
}
