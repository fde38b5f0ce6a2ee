// Package probe describes the results synthetic probes report.
package probe

import "time"

// Result is the outcome of one check against a target.
type Result struct {
	Target  string
	Region  string
	OK      bool
	Status  int
	Latency time.Duration
	At      time.Time
}

// Good reports whether the check counts as good for an objective with the given latency
// threshold: it succeeded and answered in time.
func (r *Result) Good(threshold time.Duration) bool {
	return r.OK && r.Status < 500 && r.Latency <= threshold
}
