// Package jobs defines batch job records.
package jobs

import (
	"fmt"
	"time"
)

// State is where a job is in its lifecycle.
type State string

const (
	Queued    State = "queued"
	Running   State = "running"
	Succeeded State = "succeeded"
	Failed    State = "failed"
)

// Kind is the type of batch work.
type Kind string

var kinds = []Kind{"export", "reindex", "billing-run", "thumbnail-backfill", "gdpr-erasure"}

// Job is one batch job as the board shows it.
type Job struct {
	ID        string            `json:"id"`
	Kind      Kind              `json:"kind"`
	Owner     string            `json:"owner"`
	State     State             `json:"state"`
	Progress  float64           `json:"progress"`
	Processed int64             `json:"processed"`
	Total     int64             `json:"total"`
	Attempt   int               `json:"attempt"`
	Started   time.Time         `json:"started"`
	Updated   time.Time         `json:"updated"`
	LastError string            `json:"last_error,omitempty"`
	Labels    map[string]string `json:"labels"`
	Steps     []Step            `json:"steps"`
}

// Step is one phase of a job.
type Step struct {
	Name  string `json:"name"`
	Done  bool   `json:"done"`
	Items int64  `json:"items"`
}

// Synthetic returns n queued jobs.
func Synthetic(n int, start time.Time) []*Job {
	out := make([]*Job, n)
	for i := range out {
		k := kinds[i%len(kinds)]
		out[i] = &Job{
			ID:      fmt.Sprintf("job-%06d", 400000+i),
			Kind:    k,
			Owner:   fmt.Sprintf("team-%02d", i%17),
			State:   Queued,
			Total:   int64(10000 + (i*7919)%90000),
			Started: start,
			Updated: start,
			Labels: map[string]string{
				"region":   []string{"eu-west-1", "us-east-1", "ap-south-1"}[i%3],
				"priority": []string{"low", "normal", "high"}[i%3],
				"trigger":  "schedule",
			},
			Steps: []Step{{Name: "extract"}, {Name: "transform"}, {Name: "load"}, {Name: "verify"}},
		}
	}
	return out
}
