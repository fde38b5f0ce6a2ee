// Package ingest handles gateway batch uploads.
package ingest

import (
	"encoding/hex"
	"errors"
	"sync/atomic"

	"github.com/acme/devicesync/internal/frame"
	"github.com/acme/devicesync/internal/logx"
	"github.com/acme/devicesync/internal/shadow"
)

// ErrReplay is returned for a batch older than the last one applied.
var ErrReplay = errors.New("stale batch sequence")

const flagAlarm = 0x01

// Handler applies uploaded batches to the shadows.
type Handler struct {
	Shadows *shadow.Store
	Log     *logx.Logger
	batches int64
	reads   int64
}

// Upload is one gateway request.
type Upload struct {
	RemoteAddr string
	Body       []byte
}

// Handle decodes the upload's frame and folds its readings into the gateway's shadow.
func (h *Handler) Handle(up Upload) error {
	hdr, body, err := frame.Decode(up.Body)
	if err != nil {
		h.Log.Warnf("rejecting upload from %s: %v", up.RemoteAddr, err)
		return err
	}
	h.Log.Debugf("batch gw=%d seq=%d n=%d from %s frame=%s",
		hdr.Gateway, hdr.Sequence, hdr.Count, up.RemoteAddr, hex.EncodeToString(up.Body))

	sh := h.Shadows.Get(hdr.Gateway)
	sh.Lock()
	defer sh.Unlock()
	if hdr.Sequence < sh.Sequence {
		return ErrReplay
	}
	sh.Sequence = hdr.Sequence
	n := int(hdr.Count)
	for i := 0; i < n; i++ {
		r := frame.At(body, i)
		sh.Fold(r.Sensor, r.Value, r.Flags&flagAlarm != 0)
	}
	if atomic.AddInt64(&h.batches, 1)%5000 == 0 {
		h.Log.Infof("%d batches applied, %d readings", atomic.LoadInt64(&h.batches), atomic.LoadInt64(&h.reads))
	}
	atomic.AddInt64(&h.reads, int64(n))
	return nil
}

// Counts returns the number of batches and readings applied.
func (h *Handler) Counts() (batches, readings int64) {
	return atomic.LoadInt64(&h.batches), atomic.LoadInt64(&h.reads)
}
