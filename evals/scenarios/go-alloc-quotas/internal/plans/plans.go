// Package plans describes the allowance of each plan.
package plans

import "strings"

// Plan is a named set of allowances per feature.
type Plan struct {
	Name       string
	Allowances map[string]float64 // feature -> units per period
	Default    float64            // allowance of features the plan does not list
	Overage    bool               // the plan may exceed its allowances (billed later)
}

// Allowance returns the plan's allowance for a feature; route features
// ("api.calls:/v1/orders") fall back to their family ("api.calls").
func (p *Plan) Allowance(feature string) float64 {
	if a, ok := p.Allowances[feature]; ok {
		return a
	}
	if i := strings.IndexByte(feature, ':'); i > 0 {
		if a, ok := p.Allowances[feature[:i]]; ok {
			return a
		}
	}
	return p.Default
}

// Catalog returns the plans on sale.
func Catalog() map[string]*Plan {
	return map[string]*Plan{
		"starter": {Name: "starter", Default: 1000, Allowances: map[string]float64{
			"api.calls": 20000, "exports": 50, "seats": 5, "storage.gb": 10}},
		"growth": {Name: "growth", Default: 10000, Allowances: map[string]float64{
			"api.calls": 250000, "exports": 1000, "seats": 50, "storage.gb": 500}},
		"enterprise": {Name: "enterprise", Default: 1e9, Overage: true, Allowances: map[string]float64{
			"api.calls": 5e6, "exports": 1e5, "seats": 5000, "storage.gb": 1e5}},
	}
}
