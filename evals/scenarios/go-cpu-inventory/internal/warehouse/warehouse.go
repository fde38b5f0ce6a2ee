// Package warehouse groups the catalogues of the company's warehouses.
package warehouse

import "github.com/acme/inventory/internal/catalog"

// Warehouse is one stocking location.
type Warehouse struct {
	Code    string
	Region  string
	Catalog *catalog.Catalog
}

// Network is the set of warehouses, in order of preference per region.
type Network struct {
	byRegion map[string][]*Warehouse
}

// NewNetwork builds a network from the given warehouses.
func NewNetwork(ws []*Warehouse) *Network {
	n := &Network{byRegion: map[string][]*Warehouse{}}
	for _, w := range ws {
		n.byRegion[w.Region] = append(n.byRegion[w.Region], w)
	}
	return n
}

// Candidates returns the warehouses that may ship to region.
func (n *Network) Candidates(region string) []*Warehouse {
	return n.byRegion[region]
}
