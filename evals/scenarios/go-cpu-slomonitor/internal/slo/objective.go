// Package slo tracks compliance with service-level objectives.
package slo

import (
	"fmt"
	"time"
)

// Objective is a target ratio of good checks, with the latency a check must meet to be good.
type Objective struct {
	Name      string
	Target    float64       // e.g. 0.999
	Threshold time.Duration // latency above this counts as bad
	// FastBurn and SlowBurn are the burn-rate multiples that page and that open a ticket.
	FastBurn float64
	SlowBurn float64
}

// Severity of a burn-rate alert.
type Severity int

// Alert severities.
const (
	None Severity = iota
	Ticket
	Page
)

func (s Severity) String() string {
	switch s {
	case Page:
		return "page"
	case Ticket:
		return "ticket"
	}
	return "none"
}

// Status is a target's compliance after the latest result.
type Status struct {
	Target     string
	Samples    int
	Compliance float64
	BurnRate   float64
	MeanMillis float64
	Severity   Severity
}

// Classify turns a burn rate into an alert severity.
func (o *Objective) Classify(burn float64, samples int) Severity {
	if samples < 100 {
		return None // not enough data to judge
	}
	switch {
	case burn >= o.FastBurn:
		return Page
	case burn >= o.SlowBurn:
		return Ticket
	}
	return None
}

func (s Status) String() string {
	return fmt.Sprintf("%s: %.4f%% over %d checks, burn %.1fx, mean %.0f ms (%s)",
		s.Target, 100*s.Compliance, s.Samples, s.BurnRate, s.MeanMillis, s.Severity)
}
