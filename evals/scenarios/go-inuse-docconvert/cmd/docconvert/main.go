// Command docconvert converts simulated documents.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/docconvert/internal/lifecycle"
	"github.com/acme/docconvert/internal/profiling"
	"github.com/acme/docconvert/internal/server"
	"github.com/acme/docconvert/internal/spool"
	"github.com/acme/docconvert/internal/wire"
)

var paragraphs = []string{
	"Invoices are created on the first working day of the month & sent to the billing contact.",
	"To change the billing contact, open *Settings > Billing* and choose <Edit contact>.",
	"Refunds take 5-10 working days to reach the original payment method.",
	"Exports include every field of the record; custom fields are prefixed with `cf_`.",
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	conns := flag.Int("conns", 4, "client connections")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	sp := spool.New()
	srv := &server.Server{Spool: sp}
	deadline := time.Now().Add(*dur)
	var converted, fetched, ids int64
	var wg sync.WaitGroup
	for c := 0; c < *conns; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(c)))
			for time.Now().Before(deadline) {
				// A client sends a burst of 4 documents, fetches the results and pauses.
				var burst bytes.Buffer
				first := atomic.AddInt64(&ids, 4) - 3
				for i := int64(0); i < 4; i++ {
					burst.Write(wire.Encode(uint64(first+i), uint16(1+r.Intn(2)), document(r)))
				}
				n, err := srv.Serve(&burst)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&converted, int64(n))
				for i := int64(0); i < 4; i++ {
					if _, ok := sp.Fetch(uint64(first + i)); ok {
						atomic.AddInt64(&fetched, 1)
					}
				}
				time.Sleep(25 * time.Millisecond)
			}
		}(c)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d converted, %d fetched, %d shutdown hooks pending", converted, fetched, lifecycle.Pending())
}

// document returns a synthetic help-centre article of 4 to 40 KiB.
func document(r *rand.Rand) []byte {
	var b bytes.Buffer
	size := 4<<10 + r.Intn(36<<10)
	fmt.Fprintf(&b, "# Article %d\n\n", r.Intn(100000))
	for b.Len() < size {
		switch r.Intn(6) {
		case 0:
			fmt.Fprintf(&b, "## Section %d\n", r.Intn(20))
		case 1:
			b.WriteString("- ")
			b.WriteString(paragraphs[r.Intn(len(paragraphs))])
			b.WriteByte('\n')
		case 2:
			b.WriteString("```\ncurl -H 'Authorization: Bearer <token>' https://api.example.com/v1/invoices\n```\n")
		default:
			b.WriteString(paragraphs[r.Intn(len(paragraphs))])
			b.WriteString("\n\n")
		}
	}
	return b.Bytes()
}
