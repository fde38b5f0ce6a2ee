package slo

import (
	"time"

	"github.com/acme/slomonitor/internal/probe"
)

type sample struct {
	good    bool
	latency time.Duration
	at      time.Time
}

// Window keeps a target's most recent checks (up to its capacity, the objective window)
// and evaluates the objective over them.
type Window struct {
	target  string
	obj     *Objective
	samples []sample
	next    int
	full    bool
	last    Status
}

// NewWindow returns an empty window of the given capacity for target.
func NewWindow(target string, obj *Objective, capacity int) *Window {
	return &Window{target: target, obj: obj, samples: make([]sample, capacity)}
}

// Observe records one result and returns the target's status over the window.
func (w *Window) Observe(r *probe.Result) Status {
	w.samples[w.next] = sample{good: r.Good(w.obj.Threshold), latency: r.Latency, at: r.At}
	w.next++
	if w.next == len(w.samples) {
		w.next, w.full = 0, true
	}
	n := w.next
	if w.full {
		n = len(w.samples)
	}
	var good int
	var total time.Duration
	for i := 0; i < n; i++ {
		if w.samples[i].good {
			good++
		}
		total += w.samples[i].latency
	}
	st := Status{Target: w.target, Samples: n}
	if n > 0 {
		st.Compliance = float64(good) / float64(n)
		st.MeanMillis = float64(total) / float64(n) / float64(time.Millisecond)
	}
	budget := 1 - w.obj.Target
	if budget > 0 {
		st.BurnRate = (1 - st.Compliance) / budget
	}
	st.Severity = w.obj.Classify(st.BurnRate, n)
	w.last = st
	return st
}

// Last is the status after the latest result.
func (w *Window) Last() Status { return w.last }
