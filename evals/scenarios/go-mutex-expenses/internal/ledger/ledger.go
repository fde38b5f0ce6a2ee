// Package ledger books expenses against cost-centre budgets.
package ledger

import (
	"errors"
	"math/rand"
	"sync"
	"time"
)

// ErrOverBudget is returned when an entry would exceed the budget.
var ErrOverBudget = errors.New("ledger: over budget")

// Entry is one booked amount.
type Entry struct {
	At       time.Time
	Cents    int64
	Employee string
	Category string
	ClaimID  string
	Reversed bool // cancelled later; kept for the audit trail
}

// Budget is one cost centre's budget for the fiscal year. Entries are never removed:
// a cancelled claim is marked Reversed so the audit trail stays complete.
type Budget struct {
	Centre     string
	LimitCents int64

	mu      sync.Mutex
	entries []Entry
}

// Book adds the entry if the budget can take it.
func (b *Budget) Book(e Entry) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.spent()+e.Cents > b.LimitCents {
		return ErrOverBudget
	}
	b.entries = append(b.entries, e)
	return nil
}

// Reverse marks the entries of a claim as reversed and returns how many it found.
func (b *Budget) Reverse(claimID string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for i := len(b.entries) - 1; i >= 0 && n == 0; i-- {
		if b.entries[i].ClaimID == claimID && !b.entries[i].Reversed {
			b.entries[i].Reversed = true
			n++
		}
	}
	return n
}

// Remaining returns what is left of the budget.
func (b *Budget) Remaining() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.LimitCents - b.spent()
}

// spent sums the live entries; b.mu must be held.
func (b *Budget) spent() int64 {
	var sum int64
	for i := range b.entries {
		if !b.entries[i].Reversed {
			sum += b.entries[i].Cents
		}
	}
	return sum
}

// Len returns the number of booked entries.
func (b *Budget) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.entries)
}

// Seed books n historical entries (the fiscal year so far) without limit checks.
func (b *Budget) Seed(r *rand.Rand, n int, start time.Time, employees []string, categories []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := 0; i < n; i++ {
		b.entries = append(b.entries, Entry{
			At:       start.Add(time.Duration(i) * 7 * time.Minute),
			Cents:    int64(500 + r.Intn(40000)),
			Employee: employees[r.Intn(len(employees))],
			Category: categories[r.Intn(len(categories))],
			ClaimID:  "hist",
			Reversed: r.Intn(50) == 0,
		})
	}
}
