// Command helpdesk runs the ticket intake workers on simulated tickets.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/helpdesk/internal/profiling"
	"github.com/acme/helpdesk/internal/tagging"
	"github.com/acme/helpdesk/internal/termstats"
)

var (
	openers = []string{"Hello team,", "Hi,", "Dear support,", "Good morning,", ""}
	topics  = [][]string{
		{"my invoice shows a double charge", "the card payment was taken twice", "VAT is missing from the bill"},
		{"I am still waiting for the refund", "when do I get my money back", "the refund has not arrived"},
		{"the parcel is late", "the courier never delivered", "tracking has not updated for days"},
		{"I want to return the jacket", "please send a return label", "can I exchange it for another size"},
		{"I cannot login to my account", "the password reset email never arrives", "my account is locked"},
		{"the screen arrived cracked", "the box was damaged and a part is missing", "it was broken on arrival"},
		{"please cancel my subscription", "the plan renewed without notice", "I was charged for the renewal"},
	}
	filler = strings.Fields(`order number placed last week website checkout app customer service
		colleague previously contacted chat reference attached photo receipt warehouse shipment
		address postcode weekend monday friday urgent again still waiting response replied
		several times phone call number details below screenshot apartment neighbour
		delivery note invoice copy statement update status confirmation message`)
)

func ticket(r *rand.Rand, id int) tagging.Ticket {
	t := topics[r.Intn(len(topics))]
	var b strings.Builder
	b.WriteString(openers[r.Intn(len(openers))])
	for s := 0; s < 8+r.Intn(10); s++ {
		b.WriteByte(' ')
		if r.Intn(3) == 0 {
			b.WriteString(t[r.Intn(len(t))])
		} else {
			for w := 0; w < 6+r.Intn(10); w++ {
				b.WriteString(filler[r.Intn(len(filler))])
				b.WriteByte(' ')
			}
		}
		b.WriteString(fmt.Sprintf(" (order %d).", 100000+r.Intn(900000)))
	}
	b.WriteString(" Thanks, customer ")
	b.WriteString(fmt.Sprint(r.Intn(50000)))
	return tagging.Ticket{ID: fmt.Sprintf("T-%d", id), Subject: t[r.Intn(len(t))], Body: b.String()}
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 8, "intake workers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	stats := termstats.New()
	tagger := &tagging.Tagger{Stats: stats, Tags: tagging.DefaultTags}

	// pre-generate the inbox so the workers spend their time on intake
	r := rand.New(rand.NewSource(42))
	inbox := make([]tagging.Ticket, 4000)
	for i := range inbox {
		inbox[i] = ticket(r, i)
	}

	deadline := time.Now().Add(*dur)
	var processed, tagged int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; time.Now().Before(deadline); i += *workers {
				if len(tagger.Classify(inbox[i%len(inbox)])) > 0 {
					atomic.AddInt64(&tagged, 1)
				}
				atomic.AddInt64(&processed, 1)
			}
		}(w)
	}
	done := make(chan struct{})
	refreshed := make(chan int)
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		terms := 0
		for {
			select {
			case <-t.C:
				terms = stats.Refresh()
			case <-done:
				refreshed <- terms
				return
			}
		}
	}()
	wg.Wait()
	close(done)
	terms := <-refreshed
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d tickets, %d tagged, %d docs, %d terms in the IDF snapshot", processed, tagged, stats.Docs(), terms)
}
