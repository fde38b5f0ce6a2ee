// Command heatpumps ingests simulated telemetry of the monitored heat pump fleet.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/heatpumps/internal/fleet"
	"github.com/acme/heatpumps/internal/profiling"
)

var installers = []string{"Nordwärme GmbH", "Heatwise Ltd", "Klima Service Süd", "GreenLoop Installers", "Fjord Energi AS"}

// pump simulates one outdoor unit: a compressor cycling on a thermostat, with
// some units short-cycling or losing refrigerant.
type pump struct {
	serial  string
	on      bool
	supply  float64
	outdoor float64
	leak    float64 // 0 = healthy, up to 0.5 = heat output halved
	cycle   int
}

func (p *pump) next(rnd *rand.Rand, at int64) fleet.Reading {
	p.cycle++
	period := 180
	if p.leak > 0.3 {
		period = 30
	}
	if p.cycle%period == 0 {
		p.on = !p.on
	}
	r := fleet.Reading{Unit: p.serial, At: at}
	if p.on {
		p.supply += (45 - p.supply) * 0.05
		r.PowerW = 1400 + rnd.NormFloat64()*40 - p.outdoor*15
		r.HeatW = r.PowerW * (3.6 - p.leak*3) * (1 + rnd.NormFloat64()*0.02)
	} else {
		p.supply += (28 - p.supply) * 0.02
		r.PowerW = 12 + rnd.Float64()*4
	}
	r.SupplyC = p.supply + rnd.NormFloat64()*0.3
	r.ReturnC = r.SupplyC - 5 - rnd.Float64()
	if rnd.Intn(5000) == 0 {
		r.SupplyC += 25
	}
	return r
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "ingest workers")
	units := flag.Int("units", 400, "units in the fleet")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	serials := make([]string, *units)
	pumps := make([]*pump, *units)
	for i := range serials {
		serials[i] = fmt.Sprintf("HP-%s-%06d", []string{"AW", "AA", "GW"}[i%3], 100000+i*37)
		pumps[i] = &pump{serial: serials[i], outdoor: -5 + float64(i%15), leak: math.Max(0, float64(i%23-19)/8), cycle: i * 7}
	}
	f := fleet.New(serials, installers)

	deadline := time.Now().Add(*dur)
	var readings, raised, cleared int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rnd := rand.New(rand.NewSource(int64(w) + 3))
			at := int64(1768471200)
			var events []fleet.Event
			for time.Now().Before(deadline) {
				at += 5
				// one telemetry batch: every unit of this worker's shard reports
				for i := w; i < len(pumps); i += *workers {
					var err error
					events, err = f.Ingest(pumps[i].next(rnd, at), events[:0])
					if err != nil {
						log.Fatal(err)
					}
					atomic.AddInt64(&readings, 1)
					for _, e := range events {
						if e.Raised {
							atomic.AddInt64(&raised, 1)
						} else {
							atomic.AddInt64(&cleared, 1)
						}
					}
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d readings from %d units, %d alerts raised, %d cleared, %d open", readings, *units, raised, cleared, f.OpenAlerts())
}
