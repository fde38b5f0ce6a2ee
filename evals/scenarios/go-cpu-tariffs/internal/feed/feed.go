// Package feed provides the tariff sheets published by carriers.
package feed

import (
	"fmt"
	"math/rand"
	"strings"
)

// Sheet is one carrier's published tariff, as CSV text.
type Sheet struct {
	Carrier string
	CSV     string
}

// Zones are the destination zones of all carriers.
var Zones = []string{"DE", "AT", "CH", "FR", "BE", "NL", "LU", "DK", "PL", "CZ", "IT", "ES", "PT", "SE", "FI", "NO", "IE", "GB", "HU", "SK"}

// Synthetic returns the sheet of a carrier with bands weight bands per zone.
func Synthetic(carrier string, bands int, seed int64) Sheet {
	r := rand.New(rand.NewSource(seed))
	var b strings.Builder
	b.WriteString("zone,min_grams,max_grams,price_eur,fuel_pct,remote_eur,service\n")
	for _, z := range Zones {
		price := 3.5 + r.Float64()*4
		for i := 0; i < bands; i++ {
			lo, hi := i*250, (i+1)*250
			price += 0.15 + r.Float64()*0.3
			fmt.Fprintf(&b, "%s,%d,%d,%.2f,%.1f,%.2f,\"%s standard, %s\"\n", z, lo, hi, price, 4+r.Float64()*6, r.Float64()*3, carrier, z)
		}
	}
	return Sheet{Carrier: carrier, CSV: b.String()}
}
