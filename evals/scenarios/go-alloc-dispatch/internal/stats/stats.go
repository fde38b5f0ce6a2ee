// Package stats counts job outcomes.
package stats

import "sync/atomic"

// Counters of processed jobs.
type Counters struct {
	Done    atomic.Int64
	Retried atomic.Int64
	Acks    atomic.Int64
	Idle    atomic.Int64
}
