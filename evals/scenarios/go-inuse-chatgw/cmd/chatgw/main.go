// Command chatgw replays simulated chat client sessions against the gateway.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"net"
	"runtime"
	"time"

	"github.com/acme/chatgw/internal/profiling"
	"github.com/acme/chatgw/internal/session"
)

// client is the simulated remote end of one connection.
type client struct {
	conn net.Conn
	s    *session.Session
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	clients := flag.Int("clients", 64, "clients connected at any time")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	hub := session.NewHub()
	r := rand.New(rand.NewSource(7))
	live := make([]client, 0, *clients)
	deadline := time.Now().Add(*dur)
	var sessions, frames int
	for time.Now().Before(deadline) {
		// Clients connect, chat for a while and leave (mobile clients drop and reconnect
		// often; their side of the connection just goes away).
		for len(live) < *clients {
			remote, local := net.Pipe()
			live = append(live, client{conn: remote, s: hub.Open(local, fmt.Sprintf("room-%03d", r.Intn(200)))})
			sessions++
		}
		i := r.Intn(len(live))
		c := live[i]
		for k := 0; k < 4+r.Intn(8); k++ {
			if _, err := c.conn.Write(frame(r, c.s)); err != nil {
				log.Fatal(err)
			}
			frames++
		}
		if r.Intn(3) == 0 {
			hub.Close(c.s)
			live[i] = live[len(live)-1]
			live = live[:len(live)-1]
		}
		time.Sleep(time.Millisecond)
	}
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d sessions, %d frames, %d open, %d goroutines", sessions, frames, hub.OpenCount(), runtime.NumGoroutine())
}

// frame returns one client message: mostly chat lines, some read receipts.
func frame(r *rand.Rand, s *session.Session) []byte {
	if r.Intn(4) == 0 {
		return []byte(fmt.Sprintf("R %d %d", s.ID, r.Intn(1e6)))
	}
	return []byte(fmt.Sprintf("M %s %d\nhey, are we still on for %d?", s.Room, s.ID, r.Intn(24)))
}
