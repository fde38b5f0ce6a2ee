// Command autocomplete serves simulated typing and search traffic.
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

	"github.com/acme/autocomplete/internal/normalize"
	"github.com/acme/autocomplete/internal/profiling"
	"github.com/acme/autocomplete/internal/suggest"
)

var (
	brands = []string{"nike", "adidas", "puma", "levis", "samsung", "apple", "bosch", "lego", "philips", "sony"}
	items  = []string{"running shoes", "jacket", "t-shirt", "jeans", "headphones", "phone case", "drill", "vacuum", "kettle", "backpack", "socks", "watch"}
	extras = []string{"", "", "black", "white", "kids", "sale", "size 42", "xl", "waterproof", "wireless"}
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	typists := flag.Int("typists", 8, "concurrent customers typing")
	searchers := flag.Int("searchers", 2, "concurrent customers submitting searches")
	queries := flag.Int("queries", 30000, "distinct past queries")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	r := rand.New(rand.NewSource(7))
	past := make([]string, 0, *queries)
	counts := make(map[string]int64, *queries)
	for len(counts) < *queries {
		q := fmt.Sprintf("%s %s %s %d", brands[r.Intn(len(brands))], items[r.Intn(len(items))], extras[r.Intn(len(extras))], r.Intn(400))
		q = normalize.Query(q)
		if _, ok := counts[q]; !ok {
			past = append(past, q)
		}
		counts[q] += int64(1 + r.Intn(500))
	}
	ix := suggest.New(counts)
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	var suggested, learned int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for t := 0; t < *typists; t++ {
		wg.Add(1)
		go func(t int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(100 + t)))
			for time.Now().Before(deadline) {
				q := past[r.Intn(len(past))]
				// Every keystroke after the second asks for suggestions.
				for n := 3; n <= len(q) && n < 12; n++ {
					ix.Suggest(normalize.Query(q[:n]), 8)
					atomic.AddInt64(&suggested, 1)
				}
			}
		}(t)
	}
	for s := 0; s < *searchers; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(200 + s)))
			for time.Now().Before(deadline) {
				ix.Learn(normalize.Query(past[r.Intn(len(past))]))
				atomic.AddInt64(&learned, 1)
				time.Sleep(2 * time.Millisecond)
			}
		}(s)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d suggestions, %d searches learned, %d queries", suggested, learned, ix.Len())
}
