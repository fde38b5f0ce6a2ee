// Package rollup keeps per-vehicle aggregates for the dispatch dashboard.
package rollup

import (
	"sort"
	"sync"

	"github.com/acme/fleetstats/internal/telemetry"
)

// Vehicle is the rollup of one vehicle.
type Vehicle struct {
	Samples    int64
	MaxSpeed   float64
	SpeedSum   float64
	LastFuel   float64
	LastSeq    uint64
	Faults     int64
	OdometerKM float64
}

// Rollups holds the per-vehicle aggregates.
type Rollups struct {
	mu sync.Mutex
	by map[string]*Vehicle
}

// New returns empty rollups.
func New() *Rollups { return &Rollups{by: make(map[string]*Vehicle, 4096)} }

// Add folds a batch into the rollups.
func (r *Rollups) Add(batch []telemetry.Sample) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range batch {
		s := &batch[i]
		v := r.by[s.VehicleID]
		if v == nil {
			v = &Vehicle{}
			r.by[s.VehicleID] = v
		}
		v.Samples++
		v.SpeedSum += s.SpeedKPH
		if s.SpeedKPH > v.MaxSpeed {
			v.MaxSpeed = s.SpeedKPH
		}
		if s.Seq > v.LastSeq {
			v.LastSeq = s.Seq
			v.LastFuel = s.FuelPct
			v.OdometerKM = s.OdometerKM
		}
		if s.Status == telemetry.Fault {
			v.Faults++
		}
	}
}

// Fastest returns the ids of the n vehicles with the highest top speed.
func (r *Rollups) Fastest(n int) []string {
	r.mu.Lock()
	ids := make([]string, 0, len(r.by))
	for id := range r.by {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return r.by[ids[i]].MaxSpeed > r.by[ids[j]].MaxSpeed })
	r.mu.Unlock()
	if len(ids) > n {
		ids = ids[:n]
	}
	return ids
}

// Len returns how many vehicles have reported.
func (r *Rollups) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.by)
}
