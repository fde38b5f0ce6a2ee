// Command partnerapi serves simulated partner polling traffic.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/acme/partnerapi/internal/apikeys"
	"github.com/acme/partnerapi/internal/middleware"
	"github.com/acme/partnerapi/internal/orders"
	"github.com/acme/partnerapi/internal/profiling"
)

var statuses = []string{"accepted", "picking", "packed", "shipped", "delivered"}

type partner struct {
	id     string
	token  string
	orders []string
}

func seed(store *apikeys.Store, book *orders.Book, n int) []partner {
	partners := make([]partner, n)
	for p := range partners {
		pid := fmt.Sprintf("partner-%03d", p)
		key, secret, err := store.Issue(pid, []string{"orders:read"})
		if err != nil {
			log.Fatal(err)
		}
		partners[p] = partner{id: pid, token: key.ID + "." + secret}
		for o := 0; o < 40; o++ {
			oid := fmt.Sprintf("%s-o%04d", pid, o)
			book.Put(orders.Order{ID: oid, PartnerID: pid, Status: statuses[o%len(statuses)],
				Carrier: "dhl", Tracking: fmt.Sprintf("JD%010d", p*1000+o), UpdatedAt: time.Now()})
			partners[p].orders = append(partners[p].orders, oid)
		}
	}
	return partners
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent partner clients")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	store := apikeys.NewStore()
	book := orders.NewBook()
	partners := seed(store, book, 24)
	access := &middleware.AccessLog{}
	mux := http.NewServeMux()
	mux.Handle("/v1/orders/status", middleware.Authenticate(store, "orders:read", http.HandlerFunc(book.Status)))
	handler := middleware.RequestID(access.Wrap(mux))

	if *profileDir != "" {
		stop, err := profiling.StartCPU(*profileDir)
		if err != nil {
			log.Fatal(err)
		}
		defer func() {
			if err := stop(); err != nil {
				log.Fatal(err)
			}
		}()
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for c := 0; c < *workers; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(c)))
			for time.Now().Before(deadline) {
				p := partners[r.Intn(len(partners))]
				req := httptest.NewRequest(http.MethodGet, "/v1/orders/status?id="+p.orders[r.Intn(len(p.orders))], nil)
				req.Header.Set("Authorization", "Bearer "+p.token)
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, req)
			}
		}(c)
	}
	wg.Wait()
	log.Printf("%d ok, %d client errors, %.2f ms mean", access.Requests[2], access.Requests[4],
		float64(access.Nanos)/float64(access.Requests[2]+access.Requests[4]+1)/1e6)
}
