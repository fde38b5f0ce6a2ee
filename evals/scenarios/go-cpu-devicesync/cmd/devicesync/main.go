// Command devicesync applies simulated gateway uploads to the device shadows.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"sync"
	"time"

	"github.com/acme/devicesync/internal/frame"
	"github.com/acme/devicesync/internal/ingest"
	"github.com/acme/devicesync/internal/logx"
	"github.com/acme/devicesync/internal/profiling"
	"github.com/acme/devicesync/internal/shadow"
)

// uploads builds each gateway's next batches: a gateway buffers a few thousand readings
// of its sensors between uploads.
func uploads(r *rand.Rand, gateways int) []ingest.Upload {
	out := make([]ingest.Upload, 0, gateways*4)
	for g := 0; g < gateways; g++ {
		sensors := 50 + r.Intn(200)
		for seq := 1; seq <= 4; seq++ {
			readings := make([]frame.Reading, 1500+r.Intn(4000))
			for i := range readings {
				s := r.Intn(sensors)
				readings[i] = frame.Reading{Sensor: uint16(s), Kind: uint8(s % 4),
					Value: 18 + 6*r.Float32()}
				if r.Intn(500) == 0 {
					readings[i].Flags = 1
				}
			}
			b := frame.Encode(frame.Header{Version: 2, Gateway: uint32(1000 + g), Sequence: uint32(seq)}, readings)
			out = append(out, ingest.Upload{RemoteAddr: fmt.Sprintf("10.20.%d.%d:4711", g/250, g%250+1), Body: b})
		}
	}
	return out
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent upload connections")
	gateways := flag.Int("gateways", 300, "gateways in the fleet")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	// Production runs at Info; Debug is switched on per incident.
	h := &ingest.Handler{Shadows: shadow.NewStore(), Log: logx.New(io.Discard, logx.Info)}
	traffic := uploads(rand.New(rand.NewSource(5)), *gateways)

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				up := traffic[r.Intn(len(traffic))]
				if err := h.Handle(up); err != nil && err != ingest.ErrReplay {
					log.Fatal(err)
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	b, n := h.Counts()
	log.Printf("%d batches, %d readings applied for %d gateways", b, n, h.Shadows.Len())
}
