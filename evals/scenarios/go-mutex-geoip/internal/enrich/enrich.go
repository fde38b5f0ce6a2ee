// Package enrich adds location data to requests.
package enrich

import "github.com/acme/geoip/internal/table"

// Request is the part of a request that gets enriched.
type Request struct {
	ClientIP uint32
	Country  string
	City     string
	ASN      uint32
}

// Enricher fills locations from the table.
type Enricher struct {
	Table *table.Table
}

// Enrich fills the location fields of a batch of requests.
func (e *Enricher) Enrich(reqs []Request) int {
	found := 0
	for i := range reqs {
		loc, ok := e.Table.Lookup(reqs[i].ClientIP)
		if !ok {
			continue
		}
		reqs[i].Country, reqs[i].City, reqs[i].ASN = loc.Country, loc.City, loc.ASN
		found++
	}
	return found
}
