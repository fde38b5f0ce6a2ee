// Command sensorgw uploads simulated device readings.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/sensorgw/internal/profiling"
	"github.com/acme/sensorgw/internal/reading"
	"github.com/acme/sensorgw/internal/upload"
)

var metrics = []struct{ name, unit string }{
	{"temperature", "celsius"}, {"humidity", "percent"}, {"co2", "ppm"},
	{"illuminance", "lux"}, {"occupancy", "count"}, {"power", "watt"},
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	buses := flag.Int("buses", 4, "device buses, one uploader each")
	batch := flag.Int("batch", 500, "readings per upload")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	var readings, uploaded, bytes int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for bus := 0; bus < *buses; bus++ {
		wg.Add(1)
		go func(bus int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(bus)))
			devices := make([]string, 200)
			for i := range devices {
				devices[i] = fmt.Sprintf("dev-%02d-%04x", bus, r.Intn(1<<16))
			}
			b := &upload.Batcher{MaxBatch: *batch}
			var n int64
			for ; time.Now().Before(deadline); n++ {
				to := time.Now().UTC().Truncate(time.Second)
				m := metrics[r.Intn(len(metrics))]
				mean := 20 + r.Float64()*10
				rd := reading.Reading{
					Device: devices[r.Intn(len(devices))], Site: "ams-hq", Zone: fmt.Sprint("floor-", r.Intn(12)),
					Metric: m.name, Unit: m.unit, From: to.Add(-time.Minute), To: to, Samples: 60,
					Min: mean - r.Float64(), Max: mean + r.Float64(), Mean: mean, Last: mean + r.NormFloat64()*0.2,
					Quality: "good", Firmware: "4.2.17-lts", Battery: 40 + r.Float64()*60, RSSI: -40 - r.Intn(50),
					Gateway: "gw-ams-hq-01",
				}
				if err := b.Add(rd); err != nil {
					log.Fatal(err)
				}
			}
			if err := b.Flush(); err != nil {
				log.Fatal(err)
			}
			atomic.AddInt64(&readings, n)
			atomic.AddInt64(&uploaded, int64(b.Uploaded))
			atomic.AddInt64(&bytes, b.Bytes)
		}(bus)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d readings, %d uploaded, %d bytes", readings, uploaded, bytes)
}
