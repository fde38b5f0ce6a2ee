// Package rollout adjusts percentage rollouts.
package rollout

import "github.com/acme/flags/internal/flagset"

// Step moves weight percentage points from control to treatment.
func Step(f *flagset.Flag, weight int) {
	if len(f.Variants) != 2 {
		return
	}
	if f.Variants[0].Weight < weight {
		weight = f.Variants[0].Weight
	}
	f.Variants[0].Weight -= weight
	f.Variants[1].Weight += weight
	if f.Variants[1].Weight == 100 {
		f.Enabled = true
	}
}
