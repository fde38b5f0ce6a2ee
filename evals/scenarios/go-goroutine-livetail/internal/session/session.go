// Package session runs a dashboard viewer's tail.
package session

import (
	"strings"
	"sync/atomic"

	"github.com/acme/livetail/internal/hub"
	"github.com/acme/livetail/internal/logline"
)

// Filter selects the lines a viewer asked for.
type Filter struct {
	Service  string // empty: every service
	MinLevel logline.Level
	Contains string
}

// Match reports whether the line passes the filter.
func (f Filter) Match(l logline.Line) bool {
	if f.Service != "" && l.Service != f.Service {
		return false
	}
	if l.Level < f.MinLevel {
		return false
	}
	return f.Contains == "" || strings.Contains(l.Message, f.Contains)
}

// Sink is the viewer's browser connection.
type Sink interface {
	Send(text string) error
}

// Tail is one open tail.
type Tail struct {
	h      *hub.Hub
	sub    *hub.Subscription
	filter Filter
	sink   Sink
	sent   int64
	closed int32
}

// Open subscribes to the hub and starts streaming matching lines to sink.
func Open(h *hub.Hub, f Filter, sink Sink) *Tail {
	t := &Tail{h: h, sub: h.Subscribe(64), filter: f, sink: sink}
	go t.pump()
	return t
}

// pump forwards matching lines from the subscription to the browser.
func (t *Tail) pump() {
	for l := range t.sub.Lines {
		if atomic.LoadInt32(&t.closed) == 1 || !t.filter.Match(l) {
			continue
		}
		if err := t.sink.Send(l.Format()); err != nil {
			atomic.StoreInt32(&t.closed, 1)
			continue
		}
		atomic.AddInt64(&t.sent, 1)
	}
}

// Sent reports how many lines reached the browser.
func (t *Tail) Sent() int64 { return atomic.LoadInt64(&t.sent) }

// Close ends the tail when the viewer closes the tab.
func (t *Tail) Close() {
	atomic.StoreInt32(&t.closed, 1)
	t.h.Unsubscribe(t.sub)
}
