// Command introspect replays simulated gateway traffic through the token checker.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"time"

	"github.com/acme/introspect/internal/authz"
	"github.com/acme/introspect/internal/profiling"
	"github.com/acme/introspect/internal/tokencache"
)

// issued is what the auth server knows of a token it issued.
type issued struct {
	client int
	exp    time.Time
}

// authServer issues short-lived machine tokens and answers introspection for them.
type authServer struct {
	issued map[string]issued
}

func (s *authServer) Introspect(token string) ([]byte, error) {
	t, ok := s.issued[token]
	if !ok {
		return json.Marshal(authz.Introspection{Active: false})
	}
	return json.Marshal(grant(t.client, t.exp))
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	clients := flag.Int("clients", 300, "machine clients calling the gateway")
	tokenTTL := flag.Duration("token-ttl", time.Second, "lifetime of the tokens the auth server issues")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	r := rand.New(rand.NewSource(11))
	srv := &authServer{issued: make(map[string]issued)}
	checker := &authz.Checker{Server: srv, Cache: tokencache.New(5 * time.Minute)}
	tokens := make([]string, *clients)
	expiry := make([]time.Time, *clients)
	deadline := time.Now().Add(*dur)
	var requests, allowed int
	for time.Now().Before(deadline) {
		now := time.Now()
		c := r.Intn(*clients)
		if !now.Before(expiry[c]) {
			// The client's token expired: it fetches a new one (client credentials grant).
			if tokens[c] != "" {
				delete(srv.issued, tokens[c])
			}
			tokens[c] = fmt.Sprintf("at_%d_%016x", c, r.Uint64())
			expiry[c] = now.Add(*tokenTTL)
			srv.issued[tokens[c]] = issued{client: c, exp: expiry[c]}
		}
		ok, err := checker.Allow(tokens[c], "orders:read", now)
		if err != nil {
			log.Fatal(err)
		}
		requests++
		if ok {
			allowed++
		}
		if requests%64 == 0 {
			time.Sleep(100 * time.Microsecond)
		}
	}
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d requests, %d allowed, %d introspections, %d cached", requests, allowed, checker.Calls, checker.Cache.Len())
}

// grant returns the introspection result of a token of client c: its tenants' permissions.
func grant(c int, exp time.Time) authz.Introspection {
	r := rand.New(rand.NewSource(int64(c)))
	perms := make([]string, 40+r.Intn(40))
	for i := range perms {
		perms[i] = fmt.Sprintf("tenant-%04d:orders:read", r.Intn(10000))
	}
	return authz.Introspection{
		Active: true, ClientID: fmt.Sprintf("svc-%03d", c), Subject: fmt.Sprintf("svc-%03d@clients.acme.example", c),
		Scope: "orders:read orders:write invoices:read", Exp: exp.Unix(), Permissions: perms,
	}
}
