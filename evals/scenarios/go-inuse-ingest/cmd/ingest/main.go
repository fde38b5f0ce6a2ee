// Command ingest processes a simulated agent log stream.
package main

import (
	"flag"
	"log"
	"sync"
	"time"

	"github.com/acme/ingest/internal/chunker"
	"github.com/acme/ingest/internal/pipeline"
	"github.com/acme/ingest/internal/profiling"
	"github.com/acme/ingest/internal/recent"
	"github.com/acme/ingest/internal/upstream"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 3, "chunk processing workers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	p := &pipeline.Pipeline{Recent: &recent.Errors{PerService: 200}}
	chunks := make(chan []byte, 16)
	var wg sync.WaitGroup
	for i := 0; i < *workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range chunks {
				p.Process(c)
			}
		}()
	}
	rd := chunker.New(upstream.NewStream(1, 2000))
	deadline := time.Now().Add(*dur)
	for time.Now().Before(deadline) {
		c, err := rd.Next()
		if err != nil {
			log.Fatal(err)
		}
		chunks <- c
	}
	close(chunks)
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("processed %d lines, %d recent errors kept", p.Lines(), p.Recent.Count())
}
