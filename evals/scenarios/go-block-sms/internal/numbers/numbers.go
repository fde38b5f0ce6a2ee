// Package numbers manages the pool of sender numbers.
package numbers

import (
	"fmt"
	"sync/atomic"
)

// PerNumberRate is the provider's limit of messages per second for one sender number.
const PerNumberRate = 30

// Pool hands out sender numbers round robin.
type Pool struct {
	numbers []string
	next    atomic.Uint64
}

// NewPool returns a pool of n sender numbers.
func NewPool(n int) *Pool {
	p := &Pool{}
	for i := 0; i < n; i++ {
		p.numbers = append(p.numbers, fmt.Sprintf("+4915100%05d", i))
	}
	return p
}

// Next returns the next sender number.
func (p *Pool) Next() string {
	return p.numbers[p.next.Add(1)%uint64(len(p.numbers))]
}

// Len returns the number of sender numbers.
func (p *Pool) Len() int { return len(p.numbers) }
