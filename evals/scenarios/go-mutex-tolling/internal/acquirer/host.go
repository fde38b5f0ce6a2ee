package acquirer

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math/rand"
	"sync"
)

// ErrThrottled is the acquirer's "system busy, retry" response (ISO 8583 response code 91).
var ErrThrottled = errors.New("acquirer: issuer or switch inoperative, retry")

// ErrDeclined is a hard decline.
var ErrDeclined = errors.New("acquirer: declined")

// Host is an in-process stand-in for the acquirer's host-to-host endpoint: it
// answers authorisations, now and then asks the caller to retry, and checks
// that the session's sequence numbers never go backwards.
type Host struct {
	mu      sync.Mutex
	r       *rand.Rand
	lastSeq uint64
	busyPct int
}

// NewHost returns a host that answers "retry" to busyPct percent of requests.
func NewHost(seed int64, busyPct int) *Host {
	return &Host{r: rand.New(rand.NewSource(seed)), busyPct: busyPct}
}

// exchange processes one request message and returns the authorisation code.
func (h *Host) exchange(msg []byte, seq uint64) ([6]byte, error) {
	var code [6]byte
	h.mu.Lock()
	if seq <= h.lastSeq {
		h.mu.Unlock()
		return code, errors.New("acquirer: sequence number reused")
	}
	h.lastSeq = seq
	roll := h.r.Intn(100)
	h.mu.Unlock()
	if roll < h.busyPct {
		return code, ErrThrottled
	}
	if roll == 99 {
		return code, ErrDeclined
	}
	sum := sha256.Sum256(msg)
	binary.BigEndian.PutUint32(code[:4], binary.BigEndian.Uint32(sum[:4]))
	code[4], code[5] = sum[4], sum[5]
	return code, nil
}
