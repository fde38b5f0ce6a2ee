// Package shadow keeps the latest state of every device as the dashboard shows it.
package shadow

import "sync"

// Stat is what the dashboard shows for one sensor.
type Stat struct {
	Last, Min, Max float32
	Samples        uint32
	Alarm          bool
}

// Shadow is the state of one gateway's sensors.
type Shadow struct {
	mu       sync.Mutex
	Sequence uint32
	Sensors  []Stat // by sensor id
}

// Store holds the shadows by gateway id.
type Store struct {
	mu      sync.RWMutex
	devices map[uint32]*Shadow
}

// NewStore returns an empty store.
func NewStore() *Store { return &Store{devices: make(map[uint32]*Shadow)} }

// Get returns the gateway's shadow, creating it on first contact.
func (s *Store) Get(gateway uint32) *Shadow {
	s.mu.RLock()
	sh := s.devices[gateway]
	s.mu.RUnlock()
	if sh != nil {
		return sh
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sh = s.devices[gateway]; sh == nil {
		sh = &Shadow{}
		s.devices[gateway] = sh
	}
	return sh
}

// Len returns the number of known gateways.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.devices)
}

// Fold records a reading; the caller holds the shadow's lock.
func (sh *Shadow) Fold(sensor uint16, v float32, alarm bool) {
	if int(sensor) >= len(sh.Sensors) {
		grown := make([]Stat, int(sensor)+1)
		copy(grown, sh.Sensors)
		sh.Sensors = grown
	}
	st := &sh.Sensors[sensor]
	if st.Samples == 0 {
		st.Min, st.Max = v, v
	}
	st.Last = v
	if v < st.Min {
		st.Min = v
	}
	if v > st.Max {
		st.Max = v
	}
	st.Samples++
	st.Alarm = alarm
}

// Lock and Unlock guard a batch of Fold calls.
func (sh *Shadow) Lock()   { sh.mu.Lock() }
func (sh *Shadow) Unlock() { sh.mu.Unlock() }
