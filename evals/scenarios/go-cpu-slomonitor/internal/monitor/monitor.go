// Package monitor routes probe results to their targets' windows and raises alerts.
package monitor

import (
	"sync"

	"github.com/acme/slomonitor/internal/probe"
	"github.com/acme/slomonitor/internal/slo"
)

// Alert is raised when a target's severity changes.
type Alert struct {
	Status slo.Status
	From   slo.Severity
}

type target struct {
	mu     sync.Mutex
	window *slo.Window
}

// Monitor holds every target's window.
type Monitor struct {
	obj      *slo.Objective
	capacity int
	mu       sync.RWMutex
	targets  map[string]*target
	alerts   chan Alert
}

// New returns a monitor evaluating obj over the last capacity checks of each target.
func New(obj *slo.Objective, capacity int) *Monitor {
	return &Monitor{obj: obj, capacity: capacity, targets: make(map[string]*target), alerts: make(chan Alert, 256)}
}

// Alerts delivers severity changes.
func (m *Monitor) Alerts() <-chan Alert { return m.alerts }

func (m *Monitor) target(name string) *target {
	m.mu.RLock()
	t := m.targets[name]
	m.mu.RUnlock()
	if t != nil {
		return t
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if t = m.targets[name]; t == nil {
		t = &target{window: slo.NewWindow(name, m.obj, m.capacity)}
		m.targets[name] = t
	}
	return t
}

// Record routes one probe result to its target.
func (m *Monitor) Record(r *probe.Result) slo.Status {
	t := m.target(r.Target)
	t.mu.Lock()
	before := t.window.Last().Severity
	st := t.window.Observe(r)
	t.mu.Unlock()
	if st.Severity != before {
		select {
		case m.alerts <- Alert{Status: st, From: before}:
		default: // the pager integration is behind; the next change will be sent
		}
	}
	return st
}

// Targets is the number of targets seen.
func (m *Monitor) Targets() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.targets)
}
