// Command permissions evaluates simulated access requests.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/permissions/internal/audit"
	"github.com/acme/permissions/internal/export"
	"github.com/acme/permissions/internal/policy"
	"github.com/acme/permissions/internal/profiling"
	"github.com/acme/permissions/internal/request"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent callers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	pol := &policy.Policy{Rules: []policy.Rule{
		{Role: "admin", Actions: []string{"*"}, Prefix: "/"},
		{Role: "editor", Actions: []string{"read", "write"}, Prefix: "/docs/"},
		{Role: "viewer", Actions: []string{"read"}, Prefix: "/docs/"},
		{Role: "billing", Actions: []string{"read", "write"}, Prefix: "/invoices/"},
	}}
	trail := &audit.Trail{}
	exp := &export.Exporter{Trail: trail, Batch: 500}
	roles := []string{"viewer", "editor", "billing", "admin"}
	actions := []string{"read", "read", "read", "write", "delete"}

	var decisions int64
	deadline := time.Now().Add(*dur)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
				exp.Run()
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for i := 0; time.Now().Before(deadline); i++ {
				req := &request.Request{
					ID: uint64(w)<<40 | uint64(i), Subject: fmt.Sprintf("user-%05d", r.Intn(20000)),
					Roles: roles[:1+r.Intn(2)], Action: actions[r.Intn(len(actions))],
					Resource: fmt.Sprintf("/docs/team-%d/doc-%d", r.Intn(50), r.Intn(5000)),
					Attrs:    map[string]string{"ip": "10.1.2.3", "client": "web", "mfa": "true"},
					AtMs:     time.Now().UnixMilli(),
				}
				d := pol.Evaluate(req)
				trail.Record(req, d)
				atomic.AddInt64(&decisions, 1)
				if i%8 == 0 {
					time.Sleep(time.Millisecond)
				}
			}
		}(w)
	}
	wg.Wait()
	close(done)
	exp.Run()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d decisions, %d exported, trail holds %d entries", decisions, exp.Exported, trail.Len())
}
