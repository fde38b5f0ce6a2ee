// Package variants assigns ad requests to the running layout experiments.
package variants

import "github.com/acme/adserve/internal/randsrc"

// Experiment splits traffic between arms by share.
type Experiment struct {
	Name   string
	Arms   []string
	Shares []float64 // cumulative, last is 1
}

// Running is the set of experiments live on the network.
var Running = []Experiment{
	{Name: "sticky-footer", Arms: []string{"off", "on"}, Shares: []float64{0.5, 1}},
	{Name: "lazy-load", Arms: []string{"eager", "viewport", "viewport-200"}, Shares: []float64{0.34, 0.67, 1}},
	{Name: "refresh-30s", Arms: []string{"off", "on"}, Shares: []float64{0.9, 1}},
	{Name: "native-label", Arms: []string{"sponsored", "promoted", "partner"}, Shares: []float64{0.4, 0.7, 1}},
	{Name: "frequency-cap", Arms: []string{"3", "5", "8"}, Shares: []float64{0.33, 0.66, 1}},
	{Name: "gutter", Arms: []string{"off", "on"}, Shares: []float64{0.5, 1}},
}

// Assign draws an arm of every running experiment for the request.
func Assign(src *randsrc.Source) map[string]string {
	out := make(map[string]string, len(Running))
	for _, e := range Running {
		x := src.Float64()
		for i, s := range e.Shares {
			if x < s {
				out[e.Name] = e.Arms[i]
				break
			}
		}
	}
	return out
}
