// Command marketfeed serves simulated venue traffic to simulated desks.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"time"

	"github.com/acme/marketfeed/internal/fanout"
	"github.com/acme/marketfeed/internal/profiling"
	"github.com/acme/marketfeed/internal/quote"
	"github.com/acme/marketfeed/internal/wire"
)

// venue simulates one venue adapter producing updates for its instruments.
func venue(id uint16, r *rand.Rand, router *fanout.Router, deadline time.Time, selfCheck int) (uint64, int) {
	book := quote.NewBook()
	enc := &wire.Encoder{}
	var seq uint64
	bad := 0
	for time.Now().Before(deadline) {
		seq++
		u := &quote.Update{Kind: quote.Kind(1 + r.Intn(3)), Venue: id, Instrument: uint32(r.Intn(500)),
			Seq: seq, At: time.Now(), Flags: uint16(r.Intn(4))}
		switch u.Kind {
		case quote.Depth:
			levels := make([]quote.Level, 10)
			mid := int64(100_000_000 + r.Intn(1_000_000))
			for i := range levels {
				side := uint8(i % 2)
				off := int64(i/2+1) * 10_000
				if side == 0 {
					off = -off
				}
				levels[i] = quote.Level{Price: mid + off, Size: uint32(100 + r.Intn(5000)), Count: uint16(1 + r.Intn(20)), Side: side}
			}
			u.Levels = levels
			book.Apply(u)
		case quote.Trade:
			u.LastPrice, u.LastSize = int64(100_000_000+r.Intn(1_000_000)), uint32(1+r.Intn(1000))
			u.Levels = book.Levels(u.Instrument)
		default:
			u.Bid, u.Ask = int64(100_000_000+r.Intn(1_000_000)), int64(100_010_000+r.Intn(1_000_000))
			u.BidSize, u.AskSize = uint32(r.Intn(5000)), uint32(r.Intn(5000))
			u.Levels = book.Levels(u.Instrument)
		}
		frame, err := enc.Encode(u)
		if err != nil {
			log.Fatal(err)
		}
		if selfCheck > 0 && seq%uint64(selfCheck) == 0 {
			if _, err := wire.Decode(frame); err != nil {
				bad++
			}
		}
		router.Send(u.Instrument, u.Seq, frame)
	}
	return enc.Frames, bad
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	venues := flag.Int("venues", 4, "concurrent venue adapters")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	router := &fanout.Router{}
	for d := 0; d < 6; d++ {
		desk := &fanout.Desk{Name: "desk", Instruments: map[uint32]bool{}}
		for i := 0; i < 80; i++ {
			desk.Instruments[uint32(d*80+i)] = true
		}
		router.Add(desk)
	}
	router.Add(&fanout.Desk{Name: "surveillance"})

	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var encoded uint64
	var bad int
	for v := 0; v < *venues; v++ {
		wg.Add(1)
		go func(v int) {
			defer wg.Done()
			n, b := venue(uint16(v+1), rand.New(rand.NewSource(int64(v))), router, deadline, 1000)
			mu.Lock()
			encoded += n
			bad += b
			mu.Unlock()
		}(v)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	frames, bytes := router.Totals()
	log.Printf("%d updates encoded, %d bad self-checks, %d frames / %d bytes delivered", encoded, bad, frames, bytes)
}
