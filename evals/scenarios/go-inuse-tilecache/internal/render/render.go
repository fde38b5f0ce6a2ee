// Package render draws tiles from the geometry layer into their wire encoding.
package render

import (
	"encoding/binary"
	"hash/fnv"
	"sync"

	"github.com/acme/tilecache/internal/tilekey"
)

// Renderer draws tiles; its scratch buffers are pooled between renders.
type Renderer struct {
	pool sync.Pool
}

// New returns a renderer.
func New() *Renderer {
	return &Renderer{pool: sync.Pool{New: func() interface{} { b := make([]byte, 0, 64<<10); return &b }}}
}

// features estimates how many features the geometry layer has in the tile:
// dense city centre tiles carry many more buildings and roads than the outskirts.
func features(k tilekey.Key) int {
	h := fnv.New32a()
	var b [9]byte
	b[0] = k.Z
	binary.LittleEndian.PutUint32(b[1:], k.X)
	binary.LittleEndian.PutUint32(b[5:], k.Y)
	h.Write(b[:])
	return 150 + int(h.Sum32()%1500)
}

// Render draws the tile into a pooled scratch buffer and passes the encoded tile to emit.
// The buffer is only valid during emit.
func (r *Renderer) Render(k tilekey.Key, emit func(tile []byte)) {
	bp := r.pool.Get().(*[]byte)
	buf := (*bp)[:0]
	n := features(k)
	seed := uint32(k.X)*2654435761 ^ uint32(k.Y)*40503 ^ uint32(k.Z)
	for i := 0; i < n; i++ {
		// One feature: id, geometry type, a short ring of zig-zag encoded deltas.
		seed = seed*1664525 + 1013904223
		buf = binary.AppendUvarint(buf, uint64(i))
		buf = append(buf, byte(1+seed%3))
		for v := 0; v < 4; v++ {
			seed = seed*1664525 + 1013904223
			buf = binary.AppendVarint(buf, int64(seed>>20)-2048)
		}
	}
	emit(buf)
	*bp = buf
	r.pool.Put(bp)
}
