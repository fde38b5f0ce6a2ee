// Package scratch keeps reusable byte buffers for the parsers.
package scratch

// Pool is a bounded free list of buffers of one size. Get hands out a free buffer or makes a
// new one; Put returns a buffer for reuse (or drops it when the list is full).
type Pool struct {
	size int
	free chan []byte
}

// NewPool returns a pool of buffers of size bytes that keeps at most keep free buffers.
func NewPool(size, keep int) *Pool {
	return &Pool{size: size, free: make(chan []byte, keep)}
}

// Get returns an empty buffer with the pool's capacity.
func (p *Pool) Get() []byte {
	select {
	case b := <-p.free:
		return b[:0]
	default:
		return make([]byte, 0, p.size)
	}
}

// Put gives a buffer back to the pool.
func (p *Pool) Put(b []byte) {
	if cap(b) != p.size {
		return
	}
	select {
	case p.free <- b[:0]:
	default:
	}
}

// Free reports how many buffers are waiting for reuse.
func (p *Pool) Free() int { return len(p.free) }
