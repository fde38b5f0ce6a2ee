// Command chathistory serves simulated scroll-back traffic.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/chathistory/internal/history"
	"github.com/acme/chathistory/internal/profiling"
	"github.com/acme/chathistory/internal/store"
	"github.com/acme/chathistory/internal/wire"
)

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	atomic.AddInt64(&c.n, int64(len(p)))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent clients")
	perChannel := flag.Int("messages", 20000, "messages seeded per channel")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	st := store.New()
	channels := make([]string, 12)
	for i := range channels {
		channels[i] = fmt.Sprintf("team-%02d", i)
	}
	st.Seed(rand.New(rand.NewSource(7)), channels, *perChannel)
	pager := &history.Pager{Store: st}
	out := &countingWriter{}

	deadline := time.Now().Add(*dur)
	var pages int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 100))
			enc := &wire.Encoder{}
			muted := map[string]bool{fmt.Sprintf("u%03d", r.Intn(300)): true}
			for time.Now().Before(deadline) {
				q := history.Query{Channel: channels[r.Intn(len(channels))], Limit: 100 * (1 + r.Intn(5)), Muted: muted}
				// a client scrolls back a few pages
				for k := 0; k < 4; k++ {
					p := pager.Earlier(q)
					if _, err := enc.Encode(out, p); err != nil {
						log.Fatal(err)
					}
					atomic.AddInt64(&pages, 1)
					if p.Next == 0 {
						break
					}
					q.Before = p.Next
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d pages, %d bytes", pages, atomic.LoadInt64(&out.n))
}
