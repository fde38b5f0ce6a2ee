// Package fanout delivers encoded frames to the subscribed desks.
package fanout

import "sync"

// Desk is a trading desk's feed connection.
type Desk struct {
	Name        string
	Instruments map[uint32]bool // empty: everything
	frames      uint64
	bytes       uint64
	gaps        uint64
	lastSeq     uint64
}

// Wants reports whether the desk subscribed to the instrument.
func (d *Desk) Wants(instrument uint32) bool {
	return len(d.Instruments) == 0 || d.Instruments[instrument]
}

// Router sends frames to the desks that want them.
type Router struct {
	mu    sync.Mutex
	desks []*Desk
}

// Add subscribes a desk.
func (r *Router) Add(d *Desk) {
	r.mu.Lock()
	r.desks = append(r.desks, d)
	r.mu.Unlock()
}

// Send delivers the frame of an update on the instrument with the sequence number.
func (r *Router) Send(instrument uint32, seq uint64, frame []byte) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	sent := 0
	for _, d := range r.desks {
		if !d.Wants(instrument) {
			continue
		}
		if d.lastSeq != 0 && seq != d.lastSeq+1 {
			d.gaps++
		}
		d.lastSeq = seq
		d.frames++
		d.bytes += uint64(len(frame))
		sent++
	}
	return sent
}

// Totals reports frames and bytes sent over all desks.
func (r *Router) Totals() (frames, bytes uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, d := range r.desks {
		frames += d.frames
		bytes += d.bytes
	}
	return frames, bytes
}
