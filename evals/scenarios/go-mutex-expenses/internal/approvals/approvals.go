// Package approvals runs the claim workflow: policy check, then booking.
package approvals

import (
	"errors"
	"sync/atomic"
	"time"

	"github.com/acme/expenses/internal/ledger"
	"github.com/acme/expenses/internal/policy"
)

// Outcome is what happened to one claim.
type Outcome int

const (
	Approved Outcome = iota
	Rejected
	OverBudget
	UnknownCentre
)

// Workflow approves claims.
type Workflow struct {
	Policy  policy.Limits
	Budgets map[string]*ledger.Budget // read-only after start
	Clock   func() time.Time

	counts [4]int64
}

// Submit runs one claim through the workflow.
func (w *Workflow) Submit(c policy.Claim) Outcome {
	if err := w.Policy.Check(c); err != nil {
		return w.count(Rejected)
	}
	b, ok := w.Budgets[c.Centre]
	if !ok {
		return w.count(UnknownCentre)
	}
	err := b.Book(ledger.Entry{At: w.Clock(), Cents: c.Cents, Employee: c.Employee, Category: c.Category, ClaimID: c.ID})
	if errors.Is(err, ledger.ErrOverBudget) {
		return w.count(OverBudget)
	}
	return w.count(Approved)
}

func (w *Workflow) count(o Outcome) Outcome {
	atomic.AddInt64(&w.counts[o], 1)
	return o
}

// Cancel reverses an approved claim.
func (w *Workflow) Cancel(centre, claimID string) bool {
	b, ok := w.Budgets[centre]
	return ok && b.Reverse(claimID) > 0
}

// Counts returns the number of claims per outcome.
func (w *Workflow) Counts() [4]int64 {
	var out [4]int64
	for i := range out {
		out[i] = atomic.LoadInt64(&w.counts[i])
	}
	return out
}
