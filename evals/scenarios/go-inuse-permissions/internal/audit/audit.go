// Package audit keeps the trail of authorisation decisions.
package audit

import (
	"sync"

	"github.com/acme/permissions/internal/policy"
	"github.com/acme/permissions/internal/request"
)

// Entry is one audited decision.
type Entry struct {
	Seq     uint64
	AtMs    int64
	Allow   bool
	Rule    int
	Context []byte
}

// Trail is the in-memory audit trail read by the exporter and the debug endpoint.
type Trail struct {
	mu      sync.Mutex
	entries []Entry
	seq     uint64
}

// Record appends the decision d for r to the trail.
func (t *Trail) Record(r *request.Request, d policy.Decision) {
	ctx := r.AppendContext(make([]byte, 0, 1024))
	t.mu.Lock()
	t.seq++
	t.entries = append(t.entries, Entry{Seq: t.seq, AtMs: r.AtMs, Allow: d.Allow, Rule: d.Rule, Context: ctx})
	t.mu.Unlock()
}

// Since returns up to max entries with Seq > seq.
func (t *Trail) Since(seq uint64, max int) []Entry {
	t.mu.Lock()
	defer t.mu.Unlock()
	i := len(t.entries)
	for i > 0 && t.entries[i-1].Seq > seq {
		i--
	}
	end := i + max
	if end > len(t.entries) {
		end = len(t.entries)
	}
	return append([]Entry(nil), t.entries[i:end]...)
}

// Len returns the number of entries in the trail.
func (t *Trail) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.entries)
}
