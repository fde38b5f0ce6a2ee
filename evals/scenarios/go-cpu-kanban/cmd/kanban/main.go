// Command kanban seeds synthetic boards and replays a client mutation stream against them.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"time"

	"github.com/acme/kanban/internal/board"
	"github.com/acme/kanban/internal/profiling"
	"github.com/acme/kanban/internal/service"
)

var (
	people  = []string{"ana", "bo", "chen", "dara", "eli", "fatima", "goran", "hana", "ivo", "jules"}
	labels  = []string{"bug", "feature", "ux", "backend", "infra", "blocked", "p1", "p2", "docs", "spike"}
	columns = []string{"Backlog", "Ready", "In progress", "Review", "Done"}
	words   = []string{"checkout", "latency", "migrate", "invoice", "retry", "dashboard", "export", "token", "search", "cache", "onboarding", "alerts"}
)

func sentence(r *rand.Rand, n int) string {
	s := words[r.Intn(len(words))]
	for i := 1; i < n; i++ {
		s += " " + words[r.Intn(len(words))]
	}
	return s
}

func seedBoard(r *rand.Rand, n int, at time.Time) *board.Board {
	b := &board.Board{ID: fmt.Sprintf("board-%03d", n), Title: "Team " + sentence(r, 2), Owner: people[n%len(people)], Members: people, UpdatedAt: at}
	for ci, name := range columns {
		b.Columns = append(b.Columns, board.Column{ID: b.NextID(), Name: name, Limit: 5 * ci})
	}
	for i := 0; i < 160; i++ {
		card := board.Card{ID: b.NextID(), Title: sentence(r, 5), Description: sentence(r, 24), Estimate: float64(r.Intn(13)), UpdatedAt: at}
		card.Labels = []string{labels[r.Intn(len(labels))], labels[r.Intn(len(labels))]}
		card.Assignees = []string{people[r.Intn(len(people))]}
		if r.Intn(3) == 0 {
			due := at.Add(time.Duration(r.Intn(30*24)) * time.Hour)
			card.Due = &due
		}
		for c := 0; c < 4; c++ {
			card.Comments = append(card.Comments, board.Comment{ID: b.NextID(), Author: people[r.Intn(len(people))], Body: sentence(r, 12), At: at})
		}
		col := r.Intn(len(columns))
		b.Columns[col].Cards = append(b.Columns[col].Cards, card)
	}
	return b
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to replay mutations")
	workers := flag.Int("workers", 4, "concurrent client connections")
	boards := flag.Int("boards", 48, "boards to seed")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	r := rand.New(rand.NewSource(1))
	at := time.Date(2026, 1, 14, 9, 0, 0, 0, time.UTC)
	svc := service.New(1024)
	var ids [][]int64
	for n := 0; n < *boards; n++ {
		b := seedBoard(r, n, at)
		var cards []int64
		for _, c := range b.Columns {
			for _, card := range c.Cards {
				cards = append(cards, card.ID)
			}
		}
		ids = append(ids, cards)
		svc.Add(b)
	}
	go func() {
		for range svc.Feed() { // stand-in for the long-poll clients
		}
	}()

	var stopCPU func() error
	var err error
	if *profileDir != "" {
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 100))
			for i := 0; time.Now().Before(deadline); i++ {
				n := r.Intn(len(ids))
				m := board.Mutation{Kind: board.Kind(r.Intn(4)), Card: ids[n][r.Intn(len(ids[n]))], Column: r.Intn(len(columns)),
					Author: people[r.Intn(len(people))], At: at.Add(time.Duration(i) * time.Second)}
				switch m.Kind {
				case board.AddComment, board.RenameCard:
					m.Text = sentence(r, 8)
				case board.AddLabel:
					m.Text = labels[r.Intn(len(labels))]
				}
				if _, err := svc.Mutate(fmt.Sprintf("board-%03d", n), &m); err != nil {
					log.Fatal(err)
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("applied %d mutations over %d boards", svc.Applied(), *boards)
}
