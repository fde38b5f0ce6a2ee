// Package tariff holds the carriers' lane tariffs.
package tariff

import (
	"fmt"
	"math/rand"
)

// Services are the carrier services every lane is priced for.
var Services = []string{"economy", "standard", "express"}

// Rate is the price of one lane, service and weight class.
type Rate struct {
	Cents   int64
	Days    int
	Carrier string
}

// Table maps "origin:dest:service:class" to its rate.
type Table map[string]Rate

// Generate returns the tariffs from the given warehouses to zones postal zones.
func Generate(origins []string, zones, classes int, seed int64) Table {
	r := rand.New(rand.NewSource(seed))
	carriers := []string{"DHL", "UPS", "GLS", "DPD"}
	t := Table{}
	for _, o := range origins {
		for z := 0; z < zones; z++ {
			for si, s := range Services {
				for c := 1; c <= classes; c++ {
					t[fmt.Sprintf("%s:%s:%s:%d", o, Zone(z), s, c)] = Rate{
						Cents: int64(390+c*85+si*300+r.Intn(200)) * int64(1+si), Days: 5 - 2*si + r.Intn(2),
						Carrier: carriers[r.Intn(len(carriers))],
					}
				}
			}
		}
	}
	return t
}

// Zone returns the code of postal zone z.
func Zone(z int) string { return fmt.Sprintf("Z%03d", z) }
