// Package jobs defines dispatchable jobs.
package jobs

// Kind says what a job does.
type Kind uint8

// Job kinds.
const (
	Webhook Kind = iota
	Purge
	Reindex
)

// Job is one unit of work.
type Job struct {
	ID       uint64
	Kind     Kind
	Tenant   uint32
	Key      uint64
	Attempts uint8
}
