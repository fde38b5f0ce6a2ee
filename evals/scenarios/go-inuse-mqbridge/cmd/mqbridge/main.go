// Command mqbridge bridges simulated broker connections to a downstream checksummer.
package main

import (
	"flag"
	"log"
	"sync"
	"time"

	"github.com/acme/mqbridge/internal/bridge"
	"github.com/acme/mqbridge/internal/profiling"
	"github.com/acme/mqbridge/internal/wire"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	conns := flag.Int("conns", 4, "broker connections")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	out := &bridge.Checksummer{}
	b := &bridge.Bridge{Window: 1024, Out: out}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for c := 0; c < *conns; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			stream := wire.NewStream(c, int64(c))
			for time.Now().Before(deadline) {
				// Frames arrive in bursts of 64; the connection is idle in between.
				if err := b.Consume(stream, 64); err != nil {
					log.Fatal(err)
				}
				time.Sleep(2 * time.Millisecond)
			}
		}(c)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d frames forwarded, %d duplicates dropped, %d bytes", b.Forwarded, b.Duplicates, out.N)
}
