// Package token encodes, signs and checks the bridge's session tokens: a JWS compact
// serialisation with HS256 (header.claims.signature, base64url without padding).
package token

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"github.com/acme/ssobridge/internal/keys"
)

var (
	ErrMalformed = errors.New("token: malformed")
	ErrSignature = errors.New("token: bad signature")
	ErrExpired   = errors.New("token: expired")
	ErrAudience  = errors.New("token: wrong audience")
)

// Header is the token's protected header.
type Header struct {
	Alg string `json:"alg"`
	Kid string `json:"kid"`
	Typ string `json:"typ"`
}

// Claims is what the identity provider asserts about the user.
type Claims struct {
	Subject  string   `json:"sub"`
	Email    string   `json:"email"`
	Audience string   `json:"aud"`
	Groups   []string `json:"groups"`
	Session  string   `json:"sid"`
	Issued   int64    `json:"iat"`
	Expires  int64    `json:"exp"`
}

var enc = base64.RawURLEncoding

// Sign returns the token for the claims, signed with k.
func Sign(c Claims, k keys.Key) (string, error) {
	h, err := json.Marshal(Header{Alg: "HS256", Kid: k.ID, Typ: "JWT"})
	if err != nil {
		return "", err
	}
	p, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	input := enc.EncodeToString(h) + "." + enc.EncodeToString(p)
	return input + "." + enc.EncodeToString(mac(k.Secret, []byte(input))), nil
}

func mac(secret, input []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(input)
	return m.Sum(nil)
}

// Verifier checks tokens for one audience.
type Verifier struct {
	Ring     *keys.Ring
	Audience string
	Now      func() time.Time
}

// Verify checks the token's signature against the key ring and its claims, and returns the
// claims. Any key still valid may have signed the token.
func (v *Verifier) Verify(tok []byte) (*Claims, error) {
	dot2 := bytes.LastIndexByte(tok, '.')
	dot1 := bytes.IndexByte(tok, '.')
	if dot1 < 0 || dot2 <= dot1 {
		return nil, ErrMalformed
	}
	input, sig64 := tok[:dot2], tok[dot2+1:]
	sig := make([]byte, enc.DecodedLen(len(sig64)))
	if _, err := enc.Decode(sig, sig64); err != nil {
		return nil, ErrMalformed
	}
	now := v.Now()
	signed := false
	for _, k := range v.Ring.Valid(now) {
		if hmac.Equal(mac(k.Secret, input), sig) {
			signed = true
			break
		}
	}
	if !signed {
		return nil, ErrSignature
	}
	payload := make([]byte, enc.DecodedLen(dot2-dot1-1))
	if _, err := enc.Decode(payload, tok[dot1+1:dot2]); err != nil {
		return nil, ErrMalformed
	}
	c := new(Claims)
	if err := json.Unmarshal(payload, c); err != nil {
		return nil, ErrMalformed
	}
	if now.Unix() >= c.Expires {
		return nil, ErrExpired
	}
	if c.Audience != v.Audience {
		return nil, ErrAudience
	}
	return c, nil
}
