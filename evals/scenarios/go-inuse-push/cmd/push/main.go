// Command push simulates app clients connected to the push gateway.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"time"

	"github.com/acme/push/internal/hub"
	"github.com/acme/push/internal/profiling"
	"github.com/acme/push/internal/session"
	"github.com/acme/push/internal/transport"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	clients := flag.Int("clients", 900, "connected clients at steady state")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	h := hub.New()
	r := rand.New(rand.NewSource(3))
	topics := []string{"orders", "promotions", "chat", "delivery", "news"}
	var next uint64
	var ids []uint64
	var delivered, churned int
	connect := func() {
		next++
		hello := fmt.Sprintf("HELLO ios-%d %s %s\n", next, topics[r.Intn(len(topics))], topics[r.Intn(len(topics))])
		s, err := session.Open(next, transport.NewConn([]byte(hello)))
		if err != nil {
			log.Fatal(err)
		}
		h.Join(s)
		ids = append(ids, next)
	}
	for i := 0; i < *clients; i++ {
		connect()
	}
	deadline := time.Now().Add(*dur)
	for tick := 0; time.Now().Before(deadline); tick++ {
		for k := 0; k < 5; k++ {
			i := r.Intn(len(ids))
			h.Leave(ids[i])
			ids[i] = ids[len(ids)-1]
			ids = ids[:len(ids)-1]
			connect()
			churned++
		}
		payload := []byte(fmt.Sprintf(`{"id":%d,"title":"Your order has shipped","badge":%d}`, tick, tick%9))
		delivered += h.Publish(topics[tick%len(topics)], payload)
		time.Sleep(2 * time.Millisecond)
	}
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d sessions connected, %d reconnects, %d notifications delivered", h.Len(), churned, delivered)
}
