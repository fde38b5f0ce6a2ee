// Package hub keeps each stream's audience and broadcasts frames to it.
package hub

import (
	"sync"

	"github.com/acme/livehub/internal/events"
	"github.com/acme/livehub/internal/viewer"
)

// Stream is one live stream's audience.
type Stream struct {
	mu      sync.Mutex
	name    string
	viewers []*viewer.Viewer
	index   map[uint64]int // viewer ID -> position in viewers
	frames  uint64
	bytes   int64
}

// Hub holds all streams.
type Hub struct {
	mu      sync.Mutex
	streams map[string]*Stream
	nextID  uint64
}

// New returns an empty hub.
func New() *Hub {
	return &Hub{streams: make(map[string]*Stream)}
}

func (h *Hub) stream(name string) *Stream {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.streams[name]
	if s == nil {
		s = &Stream{name: name, index: make(map[uint64]int)}
		h.streams[name] = s
	}
	return s
}

// Join connects a new viewer to a stream.
func (h *Hub) Join(stream, region string) *viewer.Viewer {
	h.mu.Lock()
	h.nextID++
	id := h.nextID
	h.mu.Unlock()
	v := viewer.New(id, stream, region)
	s := h.stream(stream)
	s.mu.Lock()
	s.index[id] = len(s.viewers)
	s.viewers = append(s.viewers, v)
	s.mu.Unlock()
	return v
}

// Leave disconnects a viewer. Order does not matter for broadcast, so the
// last viewer is moved into the leaving one's place.
func (h *Hub) Leave(v *viewer.Viewer) {
	s := h.stream(v.Stream)
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.index[v.ID]
	if !ok {
		return
	}
	last := len(s.viewers) - 1
	if i != last {
		s.viewers[i] = s.viewers[last]
		s.index[s.viewers[i].ID] = i
	}
	s.viewers = s.viewers[:last]
	delete(s.index, v.ID)
	s.bytes += v.Close()
}

// Publish delivers a frame to every viewer of its stream.
func (h *Hub) Publish(f events.Frame) int {
	s := h.stream(f.Stream)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.viewers {
		v.Deliver(&f)
	}
	s.frames++
	return len(s.viewers)
}

// Audience returns the number of viewers per stream.
func (h *Hub) Audience() map[string]int {
	h.mu.Lock()
	names := make([]*Stream, 0, len(h.streams))
	for _, s := range h.streams {
		names = append(names, s)
	}
	h.mu.Unlock()
	out := make(map[string]int, len(names))
	for _, s := range names {
		s.mu.Lock()
		out[s.name] = len(s.viewers)
		s.mu.Unlock()
	}
	return out
}
