// Command edge forwards simulated request heads.
package main

import (
	"flag"
	"log"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/edge/internal/forward"
	"github.com/acme/edge/internal/headers"
	"github.com/acme/edge/internal/profiling"
	"github.com/acme/edge/internal/routing"
	"github.com/acme/edge/internal/wire"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent connections")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	heads := wire.Synthetic(2000, 4)
	norm := &headers.Normalizer{Drop: map[string]bool{
		"proxy-connection": true, "connection": true, "keep-alive": true, "te": true,
		"upgrade": true, "x-debug-token": true, "transfer-encoding": true,
	}}
	table := routing.NewTable()

	var requests, bytes int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			fw := &forward.Forwarder{}
			var out []byte
			for i := w; time.Now().Before(deadline); i++ {
				h := norm.Normalize(heads[i%len(heads)], out)
				out = h.Out
				fw.Send(table.Pick(h.Host, forward.Hash(h.RequestLine)), h.RequestLine, h.Out)
				atomic.AddInt64(&requests, 1)
			}
			atomic.AddInt64(&bytes, fw.Bytes)
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("forwarded %d requests, %d bytes", requests, bytes)
}
