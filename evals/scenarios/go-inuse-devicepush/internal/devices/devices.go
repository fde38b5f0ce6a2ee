// Package devices keeps the registry of handsets and their simulated links.
package devices

import (
	"fmt"
	"math/rand"
	"sync"
)

// Device is one registered handset.
type Device struct {
	ID       string
	Model    string
	Locale   string
	Firmware string
	// Reachability is the chance that a frame sent to the device is acknowledged.
	Reachability float64
}

// Registry holds the fleet.
type Registry struct {
	mu      sync.RWMutex
	devices map[string]*Device
	ids     []string
}

var models = []string{"TX-400", "TX-410", "Rugged-7", "Rugged-8", "Scan-2"}
var locales = []string{"en-GB", "de-DE", "fr-FR", "nl-NL", "pl-PL"}

// Synthetic registers n handsets; a share of them sit in poor coverage.
func Synthetic(n int, seed int64) *Registry {
	r := rand.New(rand.NewSource(seed))
	reg := &Registry{devices: make(map[string]*Device, n)}
	for i := 0; i < n; i++ {
		d := &Device{
			ID:           fmt.Sprintf("hs-%05d", i),
			Model:        models[r.Intn(len(models))],
			Locale:       locales[r.Intn(len(locales))],
			Firmware:     fmt.Sprintf("4.%d.%d", r.Intn(3), r.Intn(10)),
			Reachability: 0.97,
		}
		if r.Intn(4) == 0 {
			d.Reachability = 0.35 // basements, plant rooms, rural sites
		}
		reg.devices[d.ID] = d
		reg.ids = append(reg.ids, d.ID)
	}
	return reg
}

// Get returns the device with the id.
func (r *Registry) Get(id string) (*Device, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	d, ok := r.devices[id]
	return d, ok
}

// IDs lists every registered handset.
func (r *Registry) IDs() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return append([]string(nil), r.ids...)
}

// Link is the simulated radio link to one device: it decides whether a frame gets through.
type Link struct {
	rng *rand.Rand
}

// NewLink returns a link simulator.
func NewLink(seed int64) *Link { return &Link{rng: rand.New(rand.NewSource(seed))} }

// Deliver reports whether the device received the frame and will acknowledge it.
func (l *Link) Deliver(d *Device, frame []byte) bool {
	return len(frame) > 0 && l.rng.Float64() < d.Reachability
}
