// Package router inspects partner event envelopes and routes them to topics.
package router

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/acme/eventrouter/internal/rules"
	"github.com/acme/eventrouter/internal/sink"
)

// ErrMalformed is returned for envelopes without the mandatory header fields.
var ErrMalformed = errors.New("malformed envelope")

// Stats counts what the router did.
type Stats struct {
	Routed, Dropped, Rejected int64
}

// Router routes envelopes according to a rules table.
type Router struct {
	Rules *rules.Table
	Sink  *sink.Sink
	stats Stats
}

// header is what routing needs from an envelope.
type header struct {
	ID      string
	Type    string
	Tenant  string
	Version int
}

// Route reads the envelope's header and publishes the raw envelope on the topic its
// type maps to, if the tenant subscribed to it.
func (r *Router) Route(raw []byte) error {
	h, err := inspect(raw)
	if err != nil {
		atomic.AddInt64(&r.stats.Rejected, 1)
		return err
	}
	topic := r.Rules.Topic(h.Type)
	if topic == "" || !r.Rules.Subscribed(h.Tenant, topic) {
		atomic.AddInt64(&r.stats.Dropped, 1)
		return nil
	}
	r.Sink.Publish(topic, raw)
	atomic.AddInt64(&r.stats.Routed, 1)
	return nil
}

// inspect extracts and validates the routing header of an envelope.
func inspect(raw []byte) (header, error) {
	var env map[string]any
	if err := json.Unmarshal(raw, &env); err != nil {
		return header{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	var h header
	var ok bool
	if h.ID, ok = env["id"].(string); !ok || h.ID == "" {
		return header{}, fmt.Errorf("%w: no id", ErrMalformed)
	}
	if h.Type, ok = env["type"].(string); !ok {
		return header{}, fmt.Errorf("%w: no type", ErrMalformed)
	}
	if h.Tenant, ok = env["tenant"].(string); !ok {
		return header{}, fmt.Errorf("%w: no tenant", ErrMalformed)
	}
	v, ok := env["spec_version"].(float64)
	if !ok || v < 1 || v > 3 {
		return header{}, fmt.Errorf("%w: unsupported spec_version", ErrMalformed)
	}
	h.Version = int(v)
	if _, ok := env["data"]; !ok {
		return header{}, fmt.Errorf("%w: no data", ErrMalformed)
	}
	return h, nil
}

// Stats returns a snapshot of the counters.
func (r *Router) Stats() Stats {
	return Stats{
		Routed:   atomic.LoadInt64(&r.stats.Routed),
		Dropped:  atomic.LoadInt64(&r.stats.Dropped),
		Rejected: atomic.LoadInt64(&r.stats.Rejected),
	}
}
