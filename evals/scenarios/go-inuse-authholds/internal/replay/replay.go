// Package replay feeds an acquirer's backlog of pending authorisations after an outage.
package replay

import (
	"math/rand"
	"time"

	"github.com/acme/authholds/internal/holds"
	"github.com/acme/authholds/internal/merchants"
)

// Backlog is a replayed batch of authorisations.
type Backlog struct {
	IDs []uint64
}

// NewHold builds the hold of an approved authorisation.
func NewHold(id uint64, m *merchants.Merchant, r *rand.Rand, now time.Time, flags uint16) holds.Hold {
	h := holds.Hold{
		AuthID:      id,
		MerchantID:  m.ID,
		MCC:         m.MCC,
		Flags:       flags,
		AmountMinor: int64(100 + r.Intn(25000)),
		CreatedUnix: now.Unix(),
		ExpiresUnix: now.Add(7 * 24 * time.Hour).Unix(),
		RiskScore:   r.Float32(),
	}
	r.Read(h.CardToken[:])
	copy(h.Currency[:], m.Currency)
	copy(h.Acquirer[:], m.Acquirer)
	copy(h.Reference[:], "RRN")
	return h
}

// Replay opens n backlog holds starting at id first and returns their ids.
func Replay(t *holds.Tracker, d *merchants.Directory, first uint64, n int, seed int64) Backlog {
	r := rand.New(rand.NewSource(seed))
	now := time.Now()
	b := Backlog{IDs: make([]uint64, 0, n)}
	for i := 0; i < n; i++ {
		id := first + uint64(i)
		t.Open(NewHold(id, d.Random(r), r, now, holds.FlagReplayed))
		b.IDs = append(b.IDs, id)
	}
	return b
}
