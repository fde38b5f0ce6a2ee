// Command loyaltypoints simulates till and app traffic against the points ledger.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/loyaltypoints/internal/earning"
	"github.com/acme/loyaltypoints/internal/ledger"
	"github.com/acme/loyaltypoints/internal/profiling"
)

var categories = []string{"Produce", "Bakery", "Dairy", "Meat", "Frozen", "Household", "Baby", "Pet", "Tobacco", "Wine", "Deposit"}

// programme is one regional loyalty programme: its member-number prefix and size.
type programme struct {
	prefix  string
	members int
}

var programmes = []programme{{"LYL-EU-", 120000}, {"LYL-US-", 80000}}

func member(r *rand.Rand) string {
	p := programmes[r.Intn(len(programmes))]
	return fmt.Sprintf("%s%07d", p.prefix, r.Intn(p.members))
}

func basket(r *rand.Rand, store string) earning.Basket {
	b := earning.Basket{Store: store, Member: member(r)}
	for i := 0; i < 3+r.Intn(22); i++ {
		b.Lines = append(b.Lines, earning.Line{
			SKU:      fmt.Sprintf("%08d", r.Intn(1e8)),
			Category: categories[r.Intn(len(categories))],
			Cents:    int64(49 + r.Intn(1500)),
			Qty:      1 + r.Intn(3),
		})
	}
	return b
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	tills := flag.Int("tills", 16, "concurrent tills")
	apps := flag.Int("apps", 4, "concurrent app balance callers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	rules := &earning.Rules{
		PointsPerEuro: 1,
		Category:      map[string]float64{"produce": 2, "baby": 1.5, "pet": 1.5},
		Excluded:      map[string]bool{"tobacco": true, "deposit": true},
		Campaigns: []earning.Campaign{
			{Code: "BAKE3X", Category: "bakery", Multiplier: 3},
			{Code: "BIGSHOP", Multiplier: 1.2, MinSpend: 8000},
		},
	}
	l := ledger.New()
	deadline := time.Now().Add(*dur)
	var txns, redeemed, queries, points int64
	var wg sync.WaitGroup
	for t := 0; t < *tills; t++ {
		wg.Add(1)
		go func(t int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(t) + 1))
			store := fmt.Sprintf("store-%03d", t*7)
			for n := 0; time.Now().Before(deadline); n++ {
				b := basket(r, store)
				pts, _ := rules.Points(b)
				ref := fmt.Sprintf("%s/%d", store, n)
				if r.Intn(10) == 0 {
					if _, err := l.Redeem(b.Member, 500, ref); err == nil {
						atomic.AddInt64(&redeemed, 1)
					}
				}
				l.Credit(b.Member, pts, ref)
				atomic.AddInt64(&points, pts)
				atomic.AddInt64(&txns, 1)
			}
		}(t)
	}
	for a := 0; a < *apps; a++ {
		wg.Add(1)
		go func(a int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(a) + 900))
			for time.Now().Before(deadline) {
				l.Balance(member(r))
				atomic.AddInt64(&queries, 1)
				time.Sleep(20 * time.Microsecond)
			}
		}(a)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d till transactions, %d points, %d redemptions, %d balance queries, %d members",
		txns, points, redeemed, queries, l.Members())
}
