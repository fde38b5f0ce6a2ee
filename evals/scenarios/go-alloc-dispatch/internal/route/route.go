// Package route runs jobs by kind.
package route

import "github.com/acme/dispatch/internal/jobs"

// Result of running a job.
type Result struct {
	OK    bool
	Retry bool
	Cost  uint64
}

// Run executes j and returns its result.
func Run(j jobs.Job) Result {
	switch j.Kind {
	case jobs.Webhook:
		return Result{OK: j.Key%97 != 0, Retry: j.Key%97 == 0, Cost: checksum(j.Key, 8)}
	case jobs.Purge:
		return Result{OK: true, Cost: checksum(j.Key, 4)}
	default:
		return Result{OK: true, Cost: checksum(j.Key^uint64(j.Tenant), 16)}
	}
}

func checksum(k uint64, rounds int) uint64 {
	for i := 0; i < rounds; i++ {
		k ^= k >> 33
		k *= 0xff51afd7ed558ccd
	}
	return k
}
