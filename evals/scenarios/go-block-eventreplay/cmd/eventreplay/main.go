// Command eventreplay replays a synthetic order-event archive into the projections.
package main

import (
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"runtime"
	"time"

	"github.com/acme/eventreplay/internal/profiling"
	"github.com/acme/eventreplay/internal/projection"
	"github.com/acme/eventreplay/internal/replay"
	"github.com/acme/eventreplay/internal/segment"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to replay")
	workers := flag.Int("workers", 8, "projection workers")
	perSegment := flag.Int("events", 4000, "events per archived segment")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	archive := buildSegments(4, *perSegment)
	if *profileDir != "" {
		runtime.SetBlockProfileRate(1)
	}
	orders := projection.NewOrders()
	rp := &replay.Replayer{Workers: *workers, Orders: orders}
	deadline := time.Now().Add(*dur)
	passes := 0
	// The archive is replayed again and again, as a full rebuild of many days' segments would.
	for time.Now().Before(deadline) {
		segs := make([]io.Reader, len(archive))
		for i, a := range archive {
			segs[i] = bytes.NewReader(a)
		}
		if err := rp.Run(segs); err != nil {
			log.Fatal(err)
		}
		passes++
	}
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "block"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d passes, %d events applied, %d corrupt, %d orders", passes, rp.Applied, rp.Corrupt, orders.Len())
}

// buildSegments returns n archived segments of per events each.
func buildSegments(n, per int) [][]byte {
	r := rand.New(rand.NewSource(1))
	fw, err := flate.NewWriter(nil, flate.BestSpeed)
	if err != nil {
		log.Fatal(err)
	}
	out := make([][]byte, n)
	seq := uint64(0)
	for s := range out {
		var b bytes.Buffer
		for i := 0; i < per; i++ {
			seq++
			e := segment.Event{
				Seq: seq, OrderID: uint64(1 + r.Intn(50000)), Kind: uint8(1 + r.Intn(5)),
				Cents: int64(r.Intn(20000)), SKU: fmt.Sprintf("SKU-%06d", r.Intn(200000)),
			}
			if err := segment.Append(&b, e, fw); err != nil {
				log.Fatal(err)
			}
		}
		out[s] = b.Bytes()
	}
	return out
}
