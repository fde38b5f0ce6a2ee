// Package jobs describes CI jobs.
package jobs

import "time"

// State is where a job is in its lifecycle.
type State int

// Job states.
const (
	Queued State = iota
	Running
	Done
)

// Job is one pipeline job.
type Job struct {
	ID        uint64
	Pipeline  string
	Label     string
	State     State
	Runner    string
	Submitted time.Time
	Started   time.Time
}
