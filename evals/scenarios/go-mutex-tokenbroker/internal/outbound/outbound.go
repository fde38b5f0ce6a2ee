// Package outbound signs outgoing requests.
package outbound

import (
	"github.com/acme/tokenbroker/internal/audiences"
	"github.com/acme/tokenbroker/internal/tokencache"
)

// Request is an outgoing API request.
type Request struct {
	Method  string
	URL     string
	Headers map[string]string
}

// Signer attaches access tokens to requests.
type Signer struct {
	Cache *tokencache.Cache
}

// Sign returns req with the Authorization header for aud set.
func (s *Signer) Sign(aud audiences.Audience, method, path string) (Request, error) {
	tok, err := s.Cache.Token(aud.Name, aud.Scopes)
	if err != nil {
		return Request{}, err
	}
	return Request{Method: method, URL: aud.URL + path, Headers: map[string]string{
		"Authorization": "Bearer " + tok,
		"Accept":        "application/json",
	}}, nil
}
