// Command labelprint replays simulated packing stations sending print jobs.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/labelprint/internal/profiling"
	"github.com/acme/labelprint/internal/server"
	"github.com/acme/labelprint/internal/wire"
)

var (
	carriers = []string{"dhl", "ups", "gls", "dpd", "postnl"}
	services = []string{"express", "standard", "economy", "parcel-connect"}
	cities   = []string{"Rotterdam", "Antwerp", "Lyon", "Leipzig", "Porto", "Gdansk", "Turin"}
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	stations := flag.Int("stations", 8, "packing stations connected")
	pace := flag.Duration("pace", 8*time.Millisecond, "time a station takes to pack the next parcel")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	base, shutdown := context.WithCancel(context.Background())
	srv := server.New(base)
	deadline := time.Now().Add(*dur)
	var bytes int64
	var wg sync.WaitGroup
	conns := make([]*server.Station, *stations)
	for i := range conns {
		conns[i] = srv.Connect(fmt.Sprintf("pack-%02d", i+1))
		wg.Add(1)
		go func(i int, st *server.Station) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(i)))
			// Each station has a handful of merchants' logos, 8-24 KiB bitmaps.
			logos := make([][]byte, 6)
			for k := range logos {
				logos[k] = make([]byte, 8<<10+r.Intn(16<<10))
				r.Read(logos[k])
			}
			var frame []byte
			for n := 0; time.Now().Before(deadline); n++ {
				meta := &wire.Meta{
					JobID: fmt.Sprintf("%s-%07d", st.Name, n), Station: st.Name,
					Carrier: carriers[r.Intn(len(carriers))], Service: services[r.Intn(len(services))],
					Tracking: fmt.Sprintf("JJD%015d", r.Int63n(1e15)), WeightG: 200 + r.Intn(20000),
					From: wire.Address{Name: "Acme Fulfilment B.V.", Line1: "Waalhaven Z.z. 21", City: "Rotterdam", Postal: "3089 JH", Country: "NL"},
					To: wire.Address{Name: fmt.Sprintf("Customer %d", r.Intn(1e6)), Line1: fmt.Sprintf("%d Rue de la Paix", 1+r.Intn(200)),
						City: cities[r.Intn(len(cities))], Postal: fmt.Sprintf("%05d", r.Intn(99999)), Country: "FR"},
					LogoW: 240, LogoH: 120,
				}
				var err error
				frame, err = wire.Encode(frame, meta, logos[r.Intn(len(logos))])
				if err != nil {
					log.Fatal(err)
				}
				zpl, err := st.Handle(frame)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&bytes, int64(len(zpl)))
				time.Sleep(*pace)
			}
		}(i, conns[i])
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	for _, st := range conns {
		st.Disconnect()
	}
	shutdown()
	log.Printf("%d labels rendered, %d bytes of ZPL", srv.Rendered(), atomic.LoadInt64(&bytes))
}
