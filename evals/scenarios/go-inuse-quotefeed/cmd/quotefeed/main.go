// Command quotefeed replays a simulated upstream quote feed to desks that connect and disconnect.
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

	"github.com/acme/quotefeed/internal/feed"
	"github.com/acme/quotefeed/internal/profiling"
	"github.com/acme/quotefeed/internal/session"
)

// countingWriter stands in for a desk's TCP connection.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	atomic.AddInt64(&w.n, int64(len(p)))
	return len(p), nil
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	desks := flag.Int("desks", 48, "desks connected at any time")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	symbols := make([]string, 400)
	for i := range symbols {
		symbols[i] = fmt.Sprintf("%c%c%c%d", 'A'+i%26, 'A'+(i/26)%26, 'K'+i%7, i%10)
	}
	hub := feed.NewHub()
	ctx, stop := context.WithCancel(context.Background())
	deadline := time.Now().Add(*dur)

	// Upstream: the exchange feed handler publishes quotes as fast as they arrive.
	var published int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r := rand.New(rand.NewSource(1))
		venues := []([8]byte){feed.Venue("XNAS"), feed.Venue("XNYS"), feed.Venue("ARCX"), feed.Venue("BATS")}
		for ctx.Err() == nil {
			for k := 0; k < 200; k++ {
				mid := 10 + r.Float64()*490
				hub.Publish(feed.Quote{
					Symbol: symbols[r.Intn(len(symbols))], Venue: venues[r.Intn(len(venues))],
					Bid: mid - 0.01, Ask: mid + 0.01, BidSize: int64(100 * (1 + r.Intn(50))),
					AskSize: int64(100 * (1 + r.Intn(50))), Last: mid, LastSize: int64(1 + r.Intn(900)),
					Time: time.Now().UnixNano(),
				})
				atomic.AddInt64(&published, 1)
			}
			time.Sleep(200 * time.Microsecond)
		}
	}()

	// Downstream: desks connect with a watch list, stay a while and disconnect.
	r := rand.New(rand.NewSource(7))
	out := &countingWriter{}
	live := make([]*session.Session, 0, *desks)
	opened := 0
	for time.Now().Before(deadline) {
		for len(live) < *desks {
			watch := make([]string, 20+r.Intn(40))
			for i := range watch {
				watch[i] = symbols[r.Intn(len(symbols))]
			}
			live = append(live, session.Open(ctx, hub, fmt.Sprintf("desk-%04d", opened), watch, out))
			opened++
		}
		time.Sleep(2 * time.Millisecond)
		if r.Intn(2) == 0 {
			i := r.Intn(len(live))
			live[i].Close()
			live[i] = live[len(live)-1]
			live = live[:len(live)-1]
		}
	}
	stop()
	wg.Wait()
	for _, s := range live {
		s.Close()
	}
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d sessions, %d quotes published, %d bytes delivered, %d subscriptions",
		opened, atomic.LoadInt64(&published), atomic.LoadInt64(&out.n), hub.Subscribers())
}
