// Package fleet holds the monitored units and ingests their readings.
package fleet

import (
	"errors"
	"sync"

	"github.com/acme/heatpumps/internal/health"
	"github.com/acme/heatpumps/internal/history"
)

// Reading is one telemetry message of an outdoor unit.
type Reading struct {
	Unit    string
	At      int64 // unix seconds
	SupplyC float64
	ReturnC float64
	PowerW  float64
	HeatW   float64
}

// Unit is one installed heat pump.
type Unit struct {
	Serial    string
	Installer string
	mu        sync.Mutex
	hist      *history.History
	open      map[string]int64 // alert kind -> raised at
}

// Fleet is every registered unit.
type Fleet struct {
	units map[string]*Unit
}

// ErrUnknownUnit is returned for a reading from a serial that is not registered.
var ErrUnknownUnit = errors.New("fleet: unknown unit")

// New registers the units with their installers.
func New(serials, installers []string) *Fleet {
	f := &Fleet{units: make(map[string]*Unit, len(serials))}
	for i, s := range serials {
		f.units[s] = &Unit{Serial: s, Installer: installers[i%len(installers)], hist: history.New(), open: map[string]int64{}}
	}
	return f
}

// Event is an alert raised or cleared by a reading.
type Event struct {
	Unit, Installer, Kind string
	Raised                bool
}

// Ingest records a reading, runs the health checks and returns the alert changes.
func (f *Fleet) Ingest(r Reading, events []Event) ([]Event, error) {
	u := f.units[r.Unit]
	if u == nil {
		return events, ErrUnknownUnit
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.hist.Add(r.SupplyC, r.ReturnC, r.PowerW, r.HeatW)
	now := map[string]bool{}
	for _, kind := range health.Check(u.hist) {
		now[kind] = true
		if _, ok := u.open[kind]; !ok {
			u.open[kind] = r.At
			events = append(events, Event{u.Serial, u.Installer, kind, true})
		}
	}
	for kind := range u.open {
		if !now[kind] {
			delete(u.open, kind)
			events = append(events, Event{u.Serial, u.Installer, kind, false})
		}
	}
	return events, nil
}

// OpenAlerts counts the alerts currently open over the fleet.
func (f *Fleet) OpenAlerts() int {
	n := 0
	for _, u := range f.units {
		u.mu.Lock()
		n += len(u.open)
		u.mu.Unlock()
	}
	return n
}
