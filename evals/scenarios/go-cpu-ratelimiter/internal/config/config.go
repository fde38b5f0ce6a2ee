// Package config holds the rate-limit configuration and watches the configuration store for it.
package config

import (
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"
)

// Rule is the limit of one tenant or route.
type Rule struct {
	PerSecond float64            `json:"per_second"`
	Burst     int                `json:"burst"`
	Tags      []string           `json:"tags,omitempty"`
	Weights   map[string]float64 `json:"weights,omitempty"` // cost of a request by method
}

// Limits is the whole rate-limit configuration.
type Limits struct {
	Version string          `json:"version"`
	Default Rule            `json:"default"`
	Tenants map[string]Rule `json:"tenants"`
	Routes  map[string]Rule `json:"routes"`
	Blocked []string        `json:"blocked"`
	Exempt  []string        `json:"exempt"`
}

// Store stands in for the configuration store: it returns the current document.
type Store interface {
	Get() ([]byte, error)
}

// Watcher polls the store and publishes the decoded limits.
type Watcher struct {
	store   Store
	current atomic.Pointer[Limits]
}

// NewWatcher loads the limits once and returns a watcher publishing them.
func NewWatcher(s Store) (*Watcher, error) {
	w := &Watcher{store: s}
	if err := w.load(); err != nil {
		return nil, err
	}
	return w, nil
}

// Current returns the latest limits decoded from the store.
func (w *Watcher) Current() *Limits { return w.current.Load() }

// Poll reloads the limits every interval until stop is closed.
func (w *Watcher) Poll(interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			_ = w.load()
		}
	}
}

func (w *Watcher) load() error {
	doc, err := w.store.Get()
	if err != nil {
		return err
	}
	var l Limits
	if err := json.Unmarshal(doc, &l); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	w.current.Store(&l)
	return nil
}
