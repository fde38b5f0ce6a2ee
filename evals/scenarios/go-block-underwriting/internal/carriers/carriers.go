// Package carriers holds the clients of the partner insurers' pricing APIs.
package carriers

import (
	"hash/fnv"
	"math"
	"time"
)

// Application is a home-insurance application.
type Application struct {
	Postcode     string
	BuildYear    int
	LivingSpace  int // m²
	SumInsured   int // EUR
	Deductible   int // EUR
	PriorClaims  int
	FloodZone    int
	Construction string
}

// Offer is an insurer's price for an application.
type Offer struct {
	Carrier   string
	Annual    float64
	Declined  bool
	ExpiresIn time.Duration
}

// Carrier is one partner insurer's pricing endpoint.
type Carrier struct {
	Name    string
	Base    float64       // EUR per 1,000 EUR insured
	Latency time.Duration // typical response time of the partner API
}

// Price asks the insurer for an offer (a remote call taking about Latency).
func (c *Carrier) Price(app Application) Offer {
	h := fnv.New32a()
	h.Write([]byte(c.Name + app.Postcode))
	jitter := time.Duration(h.Sum32()%5) * time.Millisecond
	time.Sleep(c.Latency + jitter)
	if app.FloodZone >= 3 && c.Name == "hanse-mutual" {
		return Offer{Carrier: c.Name, Declined: true}
	}
	rate := c.Base * (1 + 0.15*float64(app.PriorClaims)) * (1 + 0.1*float64(app.FloodZone))
	if app.BuildYear < 1950 {
		rate *= 1.2
	}
	annual := rate*float64(app.SumInsured)/1000 - 0.02*float64(app.Deductible)
	return Offer{Carrier: c.Name, Annual: math.Max(60, math.Round(annual*100)/100), ExpiresIn: 72 * time.Hour}
}

// Partners returns the broker's partner insurers.
func Partners() []*Carrier {
	return []*Carrier{
		{Name: "allsure", Base: 0.92, Latency: 6 * time.Millisecond},
		{Name: "hanse-mutual", Base: 0.85, Latency: 8 * time.Millisecond},
		{Name: "alpina-re", Base: 1.04, Latency: 5 * time.Millisecond},
		{Name: "nordwest", Base: 0.97, Latency: 7 * time.Millisecond},
		{Name: "rheinland", Base: 0.89, Latency: 9 * time.Millisecond},
		{Name: "domus", Base: 1.10, Latency: 4 * time.Millisecond},
		{Name: "baltic-life", Base: 0.95, Latency: 6 * time.Millisecond},
	}
}
