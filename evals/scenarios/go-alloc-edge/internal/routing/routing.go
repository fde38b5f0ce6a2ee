// Package routing selects the backend pool for a request.
package routing

// Table maps a host to its backend pool.
type Table struct {
	pools    map[string][]string
	fallback []string
}

// NewTable returns the routing table of the edge.
func NewTable() *Table {
	return &Table{
		pools: map[string][]string{
			"shop.acme.example": {"10.0.1.10:8080", "10.0.1.11:8080", "10.0.1.12:8080"},
			"api.acme.example":  {"10.0.2.10:8080", "10.0.2.11:8080"},
			"img.acme.example":  {"10.0.3.10:8080"},
			"auth.acme.example": {"10.0.4.10:8080", "10.0.4.11:8080"},
		},
		fallback: []string{"10.0.9.10:8080"},
	}
}

// Pick returns the backend for host and a request hash.
func (t *Table) Pick(host []byte, hash uint32) string {
	pool, ok := t.pools[string(host)]
	if !ok {
		pool = t.fallback
	}
	return pool[int(hash)%len(pool)]
}
