// Command ssobridge serves simulated authenticated tool traffic.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/ssobridge/internal/keys"
	"github.com/acme/ssobridge/internal/profiling"
	"github.com/acme/ssobridge/internal/session"
	"github.com/acme/ssobridge/internal/token"
)

var tools = []string{"wiki", "ci", "grafana", "vault", "jira", "sentry"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent request handlers")
	users := flag.Int("users", 2000, "signed-in users")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	now := time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)
	ring := keys.NewRing(now, 5)
	v := &token.Verifier{Ring: ring, Audience: "tools.acme.example", Now: func() time.Time { return now }}
	mw := session.NewMiddleware(v)

	// the tokens users hold: most were issued in the last hour, some a few rotations ago
	r := rand.New(rand.NewSource(17))
	held := make([][]byte, *users)
	for i := range held {
		age := 0
		if r.Intn(4) == 0 {
			age = 1 + r.Intn(6)
		}
		k := ring.Recent(age)
		groups := []string{tools[r.Intn(len(tools))] + "-users", tools[r.Intn(len(tools))] + "-users"}
		if r.Intn(50) == 0 {
			groups = append(groups, "admins")
		}
		tok, err := token.Sign(token.Claims{
			Subject: fmt.Sprintf("u%05d", i), Email: fmt.Sprintf("user%d@acme.example", i),
			Audience: "tools.acme.example", Groups: groups, Session: fmt.Sprintf("s-%d-%d", i, age),
			Issued: k.Created.Unix(), Expires: k.Created.Add(8 * time.Hour).Unix(),
		}, k)
		if err != nil {
			log.Fatal(err)
		}
		held[i] = []byte("Bearer " + tok)
	}

	var stop func() error
	if *profileDir != "" {
		var err error
		if stop, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	deadline := time.Now().Add(*dur)
	var served, allowed int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 1))
			for time.Now().Before(deadline) {
				tool := tools[r.Intn(len(tools))]
				req := &session.Request{Path: "/" + tool + "/api", Tool: tool, Authorization: held[r.Intn(len(held))]}
				s, err := mw.Authenticate(req)
				atomic.AddInt64(&served, 1)
				if err == nil && session.Allowed(s, tool) {
					atomic.AddInt64(&allowed, 1)
				}
			}
		}(w)
	}
	wg.Wait()
	if stop != nil {
		if err := stop(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d requests, %d allowed, denied %v", served, allowed, mw.Denied())
}
