// Package enforce decides whether a tenant may use a feature now.
package enforce

import (
	"sort"
	"time"

	"github.com/acme/quotas/internal/ledger"
	"github.com/acme/quotas/internal/plans"
)

// Decision is the answer to one check.
type Decision struct {
	Allowed   bool
	Used      float64
	Allowance float64
	Overage   bool
}

// Enforcer answers quota checks from the ledger and the tenants' plans.
type Enforcer struct {
	Ledger      *ledger.Ledger
	Plans       map[string]*plans.Plan
	TenantPlan  func(tenant string) string
	PeriodStart func(now time.Time) time.Time
}

// Check decides whether tenant may use units more of feature, and records the use if so.
func (e *Enforcer) Check(tenant, feature string, units float64, now time.Time) Decision {
	p := e.Plans[e.TenantPlan(tenant)]
	allowance := p.Allowance(feature)
	used := e.Ledger.Totals(tenant, e.PeriodStart(now))[feature]
	d := Decision{Used: used, Allowance: allowance}
	switch {
	case used+units <= allowance:
		d.Allowed = true
	case p.Overage:
		d.Allowed, d.Overage = true, true
	}
	if d.Allowed {
		e.Ledger.Record(tenant, ledger.Event{Feature: feature, Units: units, At: now})
	}
	return d
}

// Line is one row of a tenant's usage report.
type Line struct {
	Feature   string
	Used      float64
	Allowance float64
}

// Report returns the tenant's usage of every feature this period, largest first.
func (e *Enforcer) Report(tenant string, now time.Time) []Line {
	p := e.Plans[e.TenantPlan(tenant)]
	totals := e.Ledger.Totals(tenant, e.PeriodStart(now))
	out := make([]Line, 0, len(totals))
	for f, u := range totals {
		out = append(out, Line{Feature: f, Used: u, Allowance: p.Allowance(f)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Used > out[j].Used })
	return out
}
