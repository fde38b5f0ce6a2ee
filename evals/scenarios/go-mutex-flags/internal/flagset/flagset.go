// Package flagset defines feature flags.
package flagset

import "fmt"

// Variant is one value a flag can serve.
type Variant struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Weight int    `json:"weight"`
}

// Flag is a feature flag definition.
type Flag struct {
	Key         string    `json:"key"`
	Enabled     bool      `json:"enabled"`
	Description string    `json:"description"`
	Variants    []Variant `json:"variants"`
	Segments    []string  `json:"segments"`
	Version     int       `json:"version"`
}

// Synthetic returns n flags.
func Synthetic(n int) map[string]*Flag {
	out := make(map[string]*Flag, n)
	for i := 0; i < n; i++ {
		k := fmt.Sprintf("app%d.feature_%04d", i%12, i)
		out[k] = &Flag{
			Key: k, Enabled: i%3 != 0, Description: "Rollout of the new checkout experience for selected segments",
			Variants: []Variant{{"control", "off", 50}, {"treatment", "on", 50}},
			Segments: []string{"beta", "employees", fmt.Sprintf("region-%d", i%7)}, Version: 1,
		}
	}
	return out
}
