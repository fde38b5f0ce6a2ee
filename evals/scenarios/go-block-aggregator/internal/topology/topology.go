// Package topology describes the index shards.
package topology

import "time"

// Replica is one copy of a shard.
type Replica struct {
	Shard  int
	Zone   string
	Median time.Duration // typical response time
	Tail   time.Duration // response time of the tail requests
	TailPm int           // tail requests per mille
}

// Default returns the replica serving each of the shards.
func Default() []Replica {
	rs := make([]Replica, 8)
	for i := range rs {
		rs[i] = Replica{Shard: i, Zone: "eu-central-1a", Median: 2 * time.Millisecond, Tail: 6 * time.Millisecond, TailPm: 10}
	}
	rs[5].Zone = "eu-west-1b"
	rs[5].TailPm = 150
	rs[5].Tail = 45 * time.Millisecond
	return rs
}
