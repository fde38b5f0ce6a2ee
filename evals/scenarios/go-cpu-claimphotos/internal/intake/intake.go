// Package intake handles photo uploads from the claims app.
package intake

import (
	"bytes"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/acme/claimphotos/internal/claims"
	"github.com/acme/claimphotos/internal/integrity"
	"github.com/acme/claimphotos/internal/store"
)

// MaxUpload is the largest photo accepted.
const MaxUpload = 8 << 20

// Upload is one request from the app.
type Upload struct {
	Claim    string
	Kind     string // "damage", "document", "odometer", "scene"
	Checksum string // X-Content-CRC32C
	Body     []byte
}

// Receipt is what the app gets back.
type Receipt struct {
	PhotoID   string
	Duplicate bool
}

var (
	errUnknownClaim = errors.New("unknown claim")
	errClosedClaim  = errors.New("claim no longer accepts photos")
	errTooMany      = errors.New("claim has the maximum number of photos")
	errTooLarge     = errors.New("photo too large")
	errNotImage     = errors.New("not a JPEG, PNG or HEIC image")
)

// Handler accepts uploads.
type Handler struct {
	Claims *claims.Registry
	Photos *store.Store
	Now    func() time.Time
	seq    uint64
}

// Handle checks one upload and stores it.
func (h *Handler) Handle(u Upload) (Receipt, error) {
	if len(u.Body) > MaxUpload {
		return Receipt{}, errTooLarge
	}
	claim, ok := h.Claims.Lookup(u.Claim)
	if !ok {
		return Receipt{}, errUnknownClaim
	}
	if !claim.AcceptsPhotos() {
		return Receipt{}, errClosedClaim
	}
	if h.Photos.Count(u.Claim) >= claim.MaxPhoto {
		return Receipt{}, errTooMany
	}
	mime := sniff(u.Body)
	if mime == "" {
		return Receipt{}, errNotImage
	}
	sum, err := integrity.Verify(u.Body, u.Checksum)
	if err != nil {
		return Receipt{}, fmt.Errorf("claim %s: %w", u.Claim, err)
	}
	n := atomic.AddUint64(&h.seq, 1)
	photo := store.Photo{
		ID:       fmt.Sprintf("%s-%06d", u.Claim, n),
		Claim:    u.Claim,
		Kind:     u.Kind,
		MIME:     mime,
		Size:     len(u.Body),
		CRC32C:   sum,
		Uploaded: h.Now(),
	}
	id, dup := h.Photos.Put(photo, u.Body)
	return Receipt{PhotoID: id, Duplicate: dup}, nil
}

var (
	jpegMagic = []byte{0xff, 0xd8, 0xff}
	pngMagic  = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}
)

// sniff returns the image type from the first bytes, or "" when it is not an image.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, jpegMagic):
		return "image/jpeg"
	case bytes.HasPrefix(b, pngMagic):
		return "image/png"
	case len(b) > 12 && string(b[4:8]) == "ftyp" && string(b[8:12]) == "heic":
		return "image/heic"
	}
	return ""
}
