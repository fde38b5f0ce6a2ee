// Package shard queries one index shard.
package shard

import (
	"math/rand"
	"sync"
	"time"

	"github.com/acme/aggregator/internal/topology"
)

// Hit is one matching document.
type Hit struct {
	DocID int64
	Score float64
}

// Client queries one replica.
type Client struct {
	Replica topology.Replica

	mu sync.Mutex
	r  *rand.Rand
}

// NewClient returns a client of replica.
func NewClient(rep topology.Replica) *Client {
	return &Client{Replica: rep, r: rand.New(rand.NewSource(int64(rep.Shard)))}
}

// Query returns the top k hits of the shard for q.
func (c *Client) Query(q string, k int) []Hit {
	c.mu.Lock()
	tail := c.r.Intn(1000) < c.Replica.TailPm
	seed := c.r.Int63()
	c.mu.Unlock()
	if tail {
		time.Sleep(c.Replica.Tail)
	} else {
		time.Sleep(c.Replica.Median)
	}
	r := rand.New(rand.NewSource(seed))
	hits := make([]Hit, k)
	for i := range hits {
		hits[i] = Hit{DocID: int64(c.Replica.Shard)<<40 | r.Int63n(1<<40), Score: r.Float64()}
	}
	return hits
}
