// Package bufpool recycles the byte slices interchange bodies are read into,
// so a busy gateway does not allocate a fresh body buffer per interchange.
package bufpool

import "sync/atomic"

// minSize is the smallest buffer handed out; most interchanges fit.
const minSize = 16 << 10

// Pool is a fixed-size free list of body buffers shared by all partner connections.
type Pool struct {
	free chan []byte

	hits, misses, drops int64
}

// New returns a pool that keeps up to slots idle buffers.
func New(slots int) *Pool {
	return &Pool{free: make(chan []byte, slots)}
}

// Get returns a buffer of length n, reusing an idle one when it is big enough.
func (p *Pool) Get(n int) []byte {
	select {
	case b := <-p.free:
		if cap(b) >= n {
			atomic.AddInt64(&p.hits, 1)
			return b[:n]
		}
		// too small for this body: let it go and make one that fits
		atomic.AddInt64(&p.drops, 1)
	default:
	}
	atomic.AddInt64(&p.misses, 1)
	size := minSize
	for size < n {
		size <<= 1
	}
	return make([]byte, n, size)
}

// Put hands a buffer back for the next interchange.
func (p *Pool) Put(b []byte) {
	select {
	case p.free <- b[:0]:
	default:
		// free list full; the buffer becomes garbage
	}
}

// Stats reports how often Get reused a buffer.
func (p *Pool) Stats() (hits, misses, drops int64, idle int) {
	return atomic.LoadInt64(&p.hits), atomic.LoadInt64(&p.misses), atomic.LoadInt64(&p.drops), len(p.free)
}
