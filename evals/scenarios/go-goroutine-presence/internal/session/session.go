// Package session handles app connections.
package session

import (
	"time"

	"github.com/acme/presence/internal/notify"
	"github.com/acme/presence/internal/roster"
	"github.com/acme/presence/internal/status"
)

// Manager opens and closes user sessions.
type Manager struct {
	Board     *status.Board
	Roster    *roster.Roster
	Notifier  *notify.Notifier
	Heartbeat time.Duration
}

// Session is one open app connection.
type Session struct {
	ID   uint64
	User int64
}

// Open registers a new connection of user.
func (m *Manager) Open(id uint64, user int64) *Session {
	s := &Session{ID: id, User: user}
	if m.Board.Connected(user, time.Now()) {
		m.Notifier.Publish(notify.Change{User: user, Online: true}, m.Roster.Contacts(user))
	}
	go m.keepAlive(s)
	return s
}

// keepAlive refreshes the user's last-seen time while the session is open.
func (m *Manager) keepAlive(s *Session) {
	t := time.NewTicker(m.Heartbeat)
	for now := range t.C {
		m.Board.Touch(s.User, now)
	}
}

// Close unregisters the connection.
func (m *Manager) Close(s *Session) {
	if m.Board.Disconnected(s.User) {
		m.Notifier.Publish(notify.Change{User: s.User, Online: false}, m.Roster.Contacts(s.User))
	}
}
