// Package tiles serves the tile endpoint.
package tiles

import (
	"errors"

	"github.com/acme/tilecache/internal/lru"
	"github.com/acme/tilecache/internal/render"
	"github.com/acme/tilecache/internal/tilekey"
)

// MinZoom is the shallowest zoom level the maps request from this service.
const MinZoom = 10

// ErrNotServed is returned for zoom levels served by the static CDN instead.
var ErrNotServed = errors.New("tiles: zoom level not served here")

// Server answers tile requests from the cache, rendering on a miss.
type Server struct {
	Cache    *lru.Cache
	Renderer *render.Renderer
	Sent     int64
}

// Tile returns the encoded tile at path ("z/x/y.mvt"), calling write with the bytes.
func (s *Server) Tile(path string, write func([]byte)) error {
	k, err := tilekey.Parse(path)
	if err != nil {
		return err
	}
	if k.Z < MinZoom {
		return ErrNotServed
	}
	if tile, ok := s.Cache.Get(k); ok {
		write(tile)
		s.Sent += int64(len(tile))
		return nil
	}
	s.Renderer.Render(k, func(tile []byte) {
		s.Cache.Add(k, tile)
		write(tile)
		s.Sent += int64(len(tile))
	})
	return nil
}
