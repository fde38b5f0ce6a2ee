// Package render produces page previews.
package render

import (
	"errors"

	"github.com/acme/thumbs/internal/frame"
	"github.com/acme/thumbs/internal/resize"
	"github.com/acme/thumbs/internal/store"
)

// MaxFrameBytes is the largest decoded page the service accepts (4096x2048).
const MaxFrameBytes = 4096 * 2048

// ErrNotFound is returned for unknown pages.
var ErrNotFound = errors.New("render: page not found")

// Previewer renders previews of stored pages.
type Previewer struct {
	Store *store.Store
}

// Preview returns the encoded preview of page id with longer side at most side.
func (p *Previewer) Preview(id string, side int) ([]byte, error) {
	data, ok := p.Store.Get(id)
	if !ok {
		return nil, ErrNotFound
	}
	scratch := make([]byte, MaxFrameBytes)
	f, err := frame.DecodeInto(data, scratch)
	if err != nil {
		return nil, err
	}
	return frame.Encode(resize.Fit(f, side)), nil
}
