// Command edigateway simulates trading-partner traffic: interchanges are read,
// parsed, translated and acknowledged.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/edigateway/internal/bufpool"
	"github.com/acme/edigateway/internal/intake"
	"github.com/acme/edigateway/internal/orders"
	"github.com/acme/edigateway/internal/profiling"
	"github.com/acme/edigateway/internal/x12"
)

var partners = []string{"HARBORFOODS", "NORTHWIND", "BLUEOAKHW", "CASCADEPET", "MERIDIANRX", "TRISTATEBLD"}

// interchange renders an X12 interchange with n purchase orders.
func interchange(r *rand.Rand, sender string, n int) []byte {
	var b strings.Builder
	ctl := fmt.Sprintf("%09d", r.Intn(1e9))
	fmt.Fprintf(&b, "ISA*00*          *00*          *ZZ*%-15s*ZZ*ACMEWHOLESALE  *260115*1000*U*00401*%s*0*P*>~\n", sender, ctl)
	fmt.Fprintf(&b, "GS*PO*%s*ACME*20260115*1000*1*X*004010~\n", sender)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "ST*850*%04d~\nBEG*00*SA*PO%07d**20260115~\nN1*ST*STORE %03d~\n", i, r.Intn(1e7), r.Intn(400))
		lines := 2 + r.Intn(8)
		for l := 0; l < lines; l++ {
			fmt.Fprintf(&b, "PO1*%d*%d*EA*%d.%02d**VN*SKU-%06d~\n", l+1, 1+r.Intn(48), 1+r.Intn(90), r.Intn(100), r.Intn(1e6))
		}
		fmt.Fprintf(&b, "CTT*%d~\nSE*%d*%04d~\n", lines, lines+4, i)
	}
	fmt.Fprintf(&b, "GE*%d*1~\nIEA*1*%s~\n", n, ctl)
	return []byte(b.String())
}

type traffic struct {
	partner string
	body    []byte
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	nightConns := flag.Int("night-conns", 64, "concurrent partner connections in the nightly window")
	nightBatchPct := flag.Int("night-batch-pct", 30, "percent of nightly interchanges that are batches")
	dayConns := flag.Int("day-conns", 8, "concurrent partner connections during the day")
	dayBatchPct := flag.Int("day-batch-pct", 0, "percent of daytime interchanges that are batches")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	r := rand.New(rand.NewSource(7))
	var small, batch []traffic
	for i := 0; i < 200; i++ {
		p := partners[r.Intn(len(partners))]
		small = append(small, traffic{p, interchange(r, p, 1+r.Intn(20))})
	}
	for i := 0; i < 4; i++ {
		p := partners[r.Intn(len(partners))]
		batch = append(batch, traffic{p, interchange(r, p, 1500+r.Intn(2500))})
	}

	pool := bufpool.New(128)
	rd := &intake.Reader{Pool: pool}
	var handled, ordersSeen, batches, lines int64
	serve := func(c, pct int, until time.Time) {
		r := rand.New(rand.NewSource(int64(c) + 100))
		for time.Now().Before(until) {
			t := small[r.Intn(len(small))]
			if r.Intn(100) < pct {
				t = batch[r.Intn(len(batch))]
				atomic.AddInt64(&batches, 1)
			}
			body, err := rd.Read(t.partner, bytes.NewReader(t.body), len(t.body))
			if err != nil {
				log.Fatal(err)
			}
			ic, err := x12.Parse(body.Data)
			if err != nil {
				log.Fatal(err)
			}
			pos, err := orders.Translate(ic)
			_ = orders.Ack(ic, err == nil)
			body.Release()
			n := 0
			for _, o := range pos {
				n += len(o.Lines)
			}
			atomic.AddInt64(&ordersSeen, int64(len(pos)))
			atomic.AddInt64(&lines, int64(n))
			atomic.AddInt64(&handled, 1)
		}
	}
	// The nightly window: every partner uploads at once, many of them batches.
	// Then the daytime trickle: a few connections posting small orders.
	start := time.Now()
	phases := []struct {
		conns, batchPct int
		until           time.Time
	}{
		{*nightConns, *nightBatchPct, start.Add(*dur * 3 / 10)},
		{*dayConns, *dayBatchPct, start.Add(*dur)},
	}
	for _, ph := range phases {
		var wg sync.WaitGroup
		for c := 0; c < ph.conns; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				serve(c, ph.batchPct, ph.until)
			}(c)
		}
		wg.Wait()
	}
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	hits, misses, drops, idle := pool.Stats()
	log.Printf("%d interchanges (%d batches), %d orders, %d lines; pool hits %d misses %d drops %d idle %d",
		handled, batches, ordersSeen, lines, hits, misses, drops, idle)
}
