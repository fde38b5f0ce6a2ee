// Package health runs the rolling health checks of a unit.
package health

import (
	"math"

	"github.com/acme/heatpumps/internal/history"
)

// Window is the rolling window of the checks: 20 minutes of 5-second readings.
const Window = 240

// Stats summarises a window of values.
type Stats struct {
	Mean, Min, Max, StdDev float64
}

// Summarise computes the statistics of a window.
func Summarise(vals []float64) Stats {
	if len(vals) == 0 {
		return Stats{}
	}
	st := Stats{Min: math.Inf(1), Max: math.Inf(-1)}
	var sum, sq float64
	for _, v := range vals {
		sum += v
		sq += v * v
		if v < st.Min {
			st.Min = v
		}
		if v > st.Max {
			st.Max = v
		}
	}
	n := float64(len(vals))
	st.Mean = sum / n
	st.StdDev = math.Sqrt(math.Max(sq/n-st.Mean*st.Mean, 0))
	return st
}

// Alert kinds.
const (
	FlowSpike    = "flow-temperature-spike"
	LowCOP       = "low-cop"
	ShortCycling = "short-cycling"
)

// Check evaluates the unit after its newest reading and returns the alerts it raises.
func Check(h *history.History) []string {
	if h.Len() < Window/4 {
		return nil
	}
	var alerts []string
	supply := Summarise(h.Last(history.Supply, Window))
	if latest := h.Latest(history.Supply); supply.StdDev > 0 && latest > supply.Mean+4*supply.StdDev && latest > 55 {
		alerts = append(alerts, FlowSpike)
	}
	power := Summarise(h.Last(history.Power, Window))
	heat := Summarise(h.Last(history.Heat, Window))
	if power.Mean > 300 && heat.Mean/power.Mean < 2.2 {
		alerts = append(alerts, LowCOP)
	}
	if starts(h.Last(history.Power, Window)) > 6 {
		alerts = append(alerts, ShortCycling)
	}
	return alerts
}

// starts counts compressor starts (power rising through 150 W) in a window.
func starts(power []float64) int {
	n := 0
	for i := 1; i < len(power); i++ {
		if power[i-1] < 150 && power[i] >= 150 {
			n++
		}
	}
	return n
}
