// Package carrier is the carrier scan feed: the scan history of a tracking number.
package carrier

import (
	"hash/fnv"
	"strings"
	"time"
)

// Scan is one event of a parcel's journey.
type Scan struct {
	At     time.Time `json:"at"`
	Depot  string    `json:"depot"`
	Status string    `json:"status"`
}

// Parcel is what the carrier knows about a tracking number.
type Parcel struct {
	TrackingNumber string `json:"tracking_number"`
	Service        string `json:"service"`
	WeightGrams    int    `json:"weight_grams"`
	Scans          []Scan `json:"scans"`
}

var (
	depots   = []string{"DUB1", "DUB2", "ORK1", "LIM1", "GWY1", "BFS1", "SNN1"}
	services = []string{"standard", "express", "next-day", "economy"}
	statuses = []string{"accepted", "in transit", "at depot", "out for delivery", "delivered"}
)

// Feed answers scan-history queries. In production it reads the carrier's scan
// store; here the history is derived from the tracking number so it is stable.
type Feed struct {
	Epoch time.Time
}

// Valid reports whether s looks like one of our tracking numbers (PK + 10 digits).
func Valid(s string) bool {
	if len(s) != 12 || !strings.HasPrefix(s, "PK") {
		return false
	}
	for _, c := range s[2:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Lookup returns the parcel for a tracking number, or false if it is unknown.
func (f *Feed) Lookup(number string) (Parcel, bool) {
	if !Valid(number) {
		return Parcel{}, false
	}
	h := fnv.New64a()
	h.Write([]byte(number))
	seed := h.Sum64()
	p := Parcel{
		TrackingNumber: number,
		Service:        services[seed%uint64(len(services))],
		WeightGrams:    200 + int(seed>>8%9800),
	}
	n := 1 + int(seed>>20%uint64(len(statuses)))
	at := f.Epoch.Add(-time.Duration(seed>>24%72) * time.Hour)
	for i := 0; i < n; i++ {
		p.Scans = append(p.Scans, Scan{
			At:     at,
			Depot:  depots[(seed>>uint(i*3))%uint64(len(depots))],
			Status: statuses[i],
		})
		at = at.Add(time.Duration(3+seed>>uint(i*5)%9) * time.Hour)
	}
	return p, true
}

// Manifest lists the tracking numbers a depot expects in its next sort.
func (f *Feed) Manifest(depot string, size int) []string {
	out := make([]string, 0, size)
	h := fnv.New32a()
	h.Write([]byte(depot))
	base := uint64(h.Sum32())
	for i := 0; i < size; i++ {
		n := (base*2654435761 + uint64(i)*40503) % 10000000000
		out = append(out, "PK"+pad10(n))
	}
	return out
}

func pad10(n uint64) string {
	var b [10]byte
	for i := 9; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[:])
}
