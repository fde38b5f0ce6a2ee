// Command syslogfwd frames simulated log traffic for the collector.
package main

import (
	"flag"
	"fmt"
	"hash/crc32"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/syslogfwd/internal/frame"
	"github.com/acme/syslogfwd/internal/profiling"
	"github.com/acme/syslogfwd/internal/record"
)

var apps = []string{"checkout", "nginx", "postgres", "sidekiq", "cron", "sshd", "kubelet", "envoy"}

var templates = []string{
	"GET /api/v2/orders/%d 200 %dms upstream=10.0.3.17:8080 bytes=%d",
	"connection from 10.0.%d.%d reset by peer after %d bytes",
	"job ReconcileInvoices id=%d finished in %dms, %d rows updated",
	"checkpoint complete: wrote %d buffers (%d%%); 0 WAL file(s) added, %d removed",
	"retrying request to payments-gateway attempt=%d backoff=%dms status=%d",
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent shippers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	enc := &frame.Encoder{MaxMsg: 8000}
	var batches, frames, sent int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			batch := make([]record.Record, 256)
			var out []byte
			var sum uint32
			for time.Now().Before(deadline) {
				fill(r, batch, w)
				out = enc.Encode(out[:0], batch)
				sum ^= crc32.ChecksumIEEE(out) // stands in for the TCP write
				atomic.AddInt64(&batches, 1)
				atomic.AddInt64(&frames, int64(len(batch)))
				atomic.AddInt64(&sent, int64(len(out)))
			}
			_ = sum
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d batches, %d frames, %d bytes shipped", batches, frames, sent)
}

// fill replaces the records of batch with new synthetic ones.
func fill(r *rand.Rand, batch []record.Record, host int) {
	now := time.Now()
	for i := range batch {
		rec := &batch[i]
		app := apps[r.Intn(len(apps))]
		*rec = record.Record{
			Facility: record.FacilityLocal0 + r.Intn(4), Severity: record.SevError + r.Intn(5),
			Time: now, Host: fmt.Sprintf("edge-%02d.fra1", host), App: app, PID: 1000 + r.Intn(30000),
			MsgID: "-", SDID: "req@32473", Params: rec.Params[:0], Msg: rec.Msg[:0],
		}
		rec.Params = append(rec.Params,
			record.Param{Name: "trace", Value: fmt.Sprintf("%016x", r.Uint64())},
			record.Param{Name: "tenant", Value: fmt.Sprintf("t-%d", r.Intn(500))})
		rec.Msg = fmt.Appendf(rec.Msg, templates[r.Intn(len(templates))], r.Intn(1e6), r.Intn(900), r.Intn(1e5))
		for n := r.Intn(6); n > 0; n-- {
			rec.Msg = append(rec.Msg, " detail=\"ctx deadline exceeded while waiting for pool slot\""...)
		}
	}
}
