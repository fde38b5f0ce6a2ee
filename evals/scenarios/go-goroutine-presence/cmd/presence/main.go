// Command presence simulates app connections.
package main

import (
	"flag"
	"log"
	"math/rand"
	"runtime"
	"time"

	"github.com/acme/presence/internal/notify"
	"github.com/acme/presence/internal/profiling"
	"github.com/acme/presence/internal/roster"
	"github.com/acme/presence/internal/session"
	"github.com/acme/presence/internal/status"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	active := flag.Int("active", 300, "open connections at steady state")
	users := flag.Int64("users", 100000, "registered users")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	m := &session.Manager{Board: status.NewBoard(), Roster: roster.New(*users), Notifier: &notify.Notifier{}, Heartbeat: 500 * time.Millisecond}
	r := rand.New(rand.NewSource(11))
	var open []*session.Session
	var id uint64
	opened, closed := 0, 0
	deadline := time.Now().Add(*dur)
	for time.Now().Before(deadline) {
		for len(open) < *active {
			id++
			open = append(open, m.Open(id, r.Int63n(*users)))
			opened++
		}
		for k := 0; k < 6; k++ {
			i := r.Intn(len(open))
			m.Close(open[i])
			open[i] = open[len(open)-1]
			open = open[:len(open)-1]
			closed++
		}
		time.Sleep(10 * time.Millisecond)
	}
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "goroutine"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d sessions opened, %d closed, %d users online, %d goroutines", opened, closed, m.Board.Online(), runtime.NumGoroutine())
}
