// Package session is the bridge's request middleware: it checks the bearer token and attaches
// the user's session to the request.
package session

import (
	"bytes"
	"errors"
	"sync"

	"github.com/acme/ssobridge/internal/token"
)

// Request is the part of an incoming request the bridge looks at.
type Request struct {
	Path          string
	Authorization []byte
	Tool          string
}

// Session is what a tool receives about the caller.
type Session struct {
	ID     string
	User   string
	Email  string
	Groups []string
	Hits   int
}

// ErrNoToken is returned for requests without a bearer token.
var ErrNoToken = errors.New("session: no bearer token")

var bearer = []byte("Bearer ")

// Middleware authenticates requests.
type Middleware struct {
	Verifier *token.Verifier

	mu       sync.Mutex
	sessions map[string]*Session
	denied   map[error]int
}

// NewMiddleware returns a middleware checking tokens with v.
func NewMiddleware(v *token.Verifier) *Middleware {
	return &Middleware{Verifier: v, sessions: map[string]*Session{}, denied: map[error]int{}}
}

// Authenticate returns the caller's session, creating it on the first request of a token's
// session id.
func (m *Middleware) Authenticate(r *Request) (*Session, error) {
	if !bytes.HasPrefix(r.Authorization, bearer) {
		m.deny(ErrNoToken)
		return nil, ErrNoToken
	}
	c, err := m.Verifier.Verify(r.Authorization[len(bearer):])
	if err != nil {
		m.deny(err)
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.sessions[c.Session]
	if s == nil {
		s = &Session{ID: c.Session, User: c.Subject, Email: c.Email, Groups: c.Groups}
		m.sessions[c.Session] = s
	}
	s.Hits++
	return s, nil
}

func (m *Middleware) deny(err error) {
	m.mu.Lock()
	m.denied[err]++
	m.mu.Unlock()
}

// Denied returns how many requests were refused, by reason.
func (m *Middleware) Denied() map[error]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[error]int, len(m.denied))
	for k, v := range m.denied {
		out[k] = v
	}
	return out
}

// Allowed reports whether the session may use the tool.
func Allowed(s *Session, tool string) bool {
	for _, g := range s.Groups {
		if g == "admins" || g == tool+"-users" {
			return true
		}
	}
	return false
}
