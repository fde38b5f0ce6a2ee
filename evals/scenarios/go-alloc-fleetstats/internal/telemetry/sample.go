// Package telemetry holds vehicle samples and the synthetic gateway feed.
package telemetry

import (
	"fmt"
	"math/rand"
	"time"
)

// Status is the engine state reported by the vehicle.
type Status uint8

const (
	Parked Status = iota
	Idle
	Moving
	Fault
)

var statusNames = [...]string{"parked", "idle", "moving", "fault"}

// String returns the status name used in exports.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "unknown"
}

// Sample is one report of one vehicle.
type Sample struct {
	VehicleID  string
	Seq        uint64
	At         time.Time
	Lat        float64
	Lon        float64
	SpeedKPH   float64
	FuelPct    float64
	OdometerKM float64
	EngineTemp float64
	Status     Status
}

// Feed produces synthetic samples for a fixed fleet.
type Feed struct {
	ids  []string
	seq  []uint64
	pos  [][2]float64
	odo  []float64
	rand *rand.Rand
	now  time.Time
}

// NewFeed returns a feed for a fleet of n vehicles.
func NewFeed(n int, seed int64) *Feed {
	f := &Feed{
		ids:  make([]string, n),
		seq:  make([]uint64, n),
		pos:  make([][2]float64, n),
		odo:  make([]float64, n),
		rand: rand.New(rand.NewSource(seed)),
		now:  time.Date(2026, 1, 15, 8, 0, 0, 0, time.UTC),
	}
	for i := range f.ids {
		f.ids[i] = fmt.Sprintf("VH-%05d", 10000+i)
		f.seq[i] = uint64(1_000_000 + i*1000)
		f.pos[i] = [2]float64{52.0 + f.rand.Float64(), 4.0 + f.rand.Float64()}
		f.odo[i] = 20000 + f.rand.Float64()*150000
	}
	return f
}

// Fill overwrites batch with the next samples of the feed and returns it.
func (f *Feed) Fill(batch []Sample) []Sample {
	for i := range batch {
		v := f.rand.Intn(len(f.ids))
		f.seq[v]++
		f.now = f.now.Add(time.Duration(f.rand.Intn(40)) * time.Millisecond)
		speed := f.rand.Float64() * 110
		f.pos[v][0] += (f.rand.Float64() - 0.5) * 0.001
		f.pos[v][1] += (f.rand.Float64() - 0.5) * 0.001
		f.odo[v] += speed / 3600
		st := Moving
		switch {
		case speed < 2:
			st = Parked
		case speed < 8:
			st = Idle
		case f.rand.Intn(5000) == 0:
			st = Fault
		}
		batch[i] = Sample{
			VehicleID:  f.ids[v],
			Seq:        f.seq[v],
			At:         f.now,
			Lat:        f.pos[v][0],
			Lon:        f.pos[v][1],
			SpeedKPH:   speed,
			FuelPct:    20 + f.rand.Float64()*80,
			OdometerKM: f.odo[v],
			EngineTemp: 70 + f.rand.Float64()*30,
			Status:     st,
		}
	}
	return batch
}
