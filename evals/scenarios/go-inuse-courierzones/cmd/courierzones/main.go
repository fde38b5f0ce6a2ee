// Command courierzones simulates the zone editor publishing revisions while
// checkout prices deliveries against the live zone set.
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

	"github.com/acme/courierzones/internal/geo"
	"github.com/acme/courierzones/internal/profiling"
	"github.com/acme/courierzones/internal/zonefeed"
	"github.com/acme/courierzones/internal/zones"
)

// city is the service area: a 0.4 x 0.6 degree box split into zones.
var city = geo.Box{Min: geo.Point{Lat: 51.30, Lng: -0.45}, Max: geo.Point{Lat: 51.70, Lng: 0.15}}

// ring draws a zone boundary around a cell: a wobbly loop of n points.
func ring(r *rand.Rand, c geo.Point, rLat, rLng float64, n int) []geo.Point {
	pts := make([]geo.Point, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / float64(n)
		w := 0.85 + 0.15*r.Float64()
		pts[i] = geo.Point{Lat: c.Lat + rLat*w*math.Sin(a), Lng: c.Lng + rLng*w*math.Cos(a)}
	}
	return pts
}

// editor is the zone editor's working copy of the document.
type editor struct {
	r     *rand.Rand
	doc   zonefeed.Document
	cells int
}

func newEditor(cells, points int) *editor {
	e := &editor{r: rand.New(rand.NewSource(5)), cells: cells}
	dLat := (city.Max.Lat - city.Min.Lat) / float64(cells)
	dLng := (city.Max.Lng - city.Min.Lng) / float64(cells)
	for x := 0; x < cells; x++ {
		for y := 0; y < cells; y++ {
			c := geo.Point{Lat: city.Min.Lat + (float64(x)+0.5)*dLat, Lng: city.Min.Lng + (float64(y)+0.5)*dLng}
			e.doc.Zones = append(e.doc.Zones, zonefeed.Zone{
				ID:       fmt.Sprintf("Z%02d%02d", x, y),
				Depot:    fmt.Sprintf("DEPOT-%d", (x/4)*10+y/4),
				FeeCents: 299 + 50*e.r.Intn(8),
				Area:     geo.Polygon{Points: ring(e.r, c, dLat*0.55, dLng*0.55, points)},
			})
		}
	}
	return e
}

// edit moves a few boundaries and fees, the way operators do during the day.
func (e *editor) edit() []byte {
	e.doc.Revision++
	for k := 0; k < 1+e.r.Intn(4); k++ {
		z := &e.doc.Zones[e.r.Intn(len(e.doc.Zones))]
		if e.r.Intn(3) == 0 {
			z.FeeCents = 299 + 50*e.r.Intn(8)
		}
		p := &z.Area.Points[e.r.Intn(len(z.Area.Points))]
		p.Lat += (e.r.Float64() - 0.5) * 0.001
		p.Lng += (e.r.Float64() - 0.5) * 0.001
	}
	return zonefeed.Encode(&e.doc)
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	every := flag.Duration("publish-every", 40*time.Millisecond, "how often the editor publishes")
	workers := flag.Int("workers", 8, "concurrent checkout lookups")
	cells := flag.Int("cells", 20, "zones per side of the service area")
	points := flag.Int("points", 100, "boundary points per zone")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	live := &zones.Live{}
	ed := newEditor(*cells, *points)
	first, _ := zonefeed.Decode(0, zonefeed.Encode(&ed.doc))
	live.Install(zones.Build(first))

	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	var revisions, lookups, served int64
	wg.Add(1)
	go func() { // the reloader: picks up every published revision
		defer wg.Done()
		for time.Now().Before(deadline) {
			time.Sleep(*every)
			data := ed.edit()
			doc, err := zonefeed.Decode(ed.doc.Revision, data)
			if err != nil {
				log.Printf("revision rejected: %v", err)
				continue
			}
			live.Install(zones.Build(doc))
			atomic.AddInt64(&revisions, 1)
		}
	}()
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 40))
			for time.Now().Before(deadline) {
				p := geo.Point{
					Lat: city.Min.Lat + r.Float64()*(city.Max.Lat-city.Min.Lat),
					Lng: city.Min.Lng + r.Float64()*(city.Max.Lng-city.Min.Lng),
				}
				if _, _, _, ok := live.Lookup(p); ok {
					atomic.AddInt64(&served, 1)
				}
				if atomic.AddInt64(&lookups, 1)%32 == 0 {
					time.Sleep(200 * time.Microsecond) // checkout traffic arrives in bursts
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
	cur := live.Current()
	log.Printf("%d revisions installed (live %d, %d zones), %d lookups, %d in a zone, %d changes logged",
		revisions, cur.Revision, len(cur.Zones), lookups, served, len(live.Changes()))
}
