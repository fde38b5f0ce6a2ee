// Package api answers SDK polls.
package api

import "github.com/acme/flags/internal/store"

// Poll is what an SDK sends: the version it already has.
type Poll struct {
	Known int
}

// Answer is sent back: either "not modified" or the full document.
type Answer struct {
	NotModified bool
	Version     int
	Body        []byte
}

// Handler answers polls from the store.
type Handler struct {
	Store *store.Store
}

// Handle answers one poll.
func (h *Handler) Handle(p Poll) (Answer, error) {
	if v := h.Store.Version(); v == p.Known {
		return Answer{NotModified: true, Version: v}, nil
	}
	v, body, err := h.Store.Snapshot()
	if err != nil {
		return Answer{}, err
	}
	return Answer{Version: v, Body: body}, nil
}
