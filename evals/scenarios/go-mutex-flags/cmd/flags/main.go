// Command flags serves simulated SDK polls and console updates.
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

	"github.com/acme/flags/internal/api"
	"github.com/acme/flags/internal/flagset"
	"github.com/acme/flags/internal/profiling"
	"github.com/acme/flags/internal/rollout"
	"github.com/acme/flags/internal/store"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	sdks := flag.Int("sdks", 8, "concurrent SDK pollers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	st := store.New(flagset.Synthetic(600))
	h := &api.Handler{Store: st}
	deadline := time.Now().Add(*dur)
	var polls, full, bytes int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r := rand.New(rand.NewSource(1))
		for time.Now().Before(deadline) {
			key := fmt.Sprintf("app%d.feature_%04d", 0, r.Intn(50)*12)
			st.Update(key, func(f *flagset.Flag) { rollout.Step(f, 1) })
			time.Sleep(20 * time.Millisecond)
		}
	}()
	for i := 0; i < *sdks; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			known := 0
			for time.Now().Before(deadline) {
				a, err := h.Handle(api.Poll{Known: known})
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&polls, 1)
				if !a.NotModified {
					atomic.AddInt64(&full, 1)
					atomic.AddInt64(&bytes, int64(len(a.Body)))
				}
				if i%2 == 0 {
					known = a.Version
				}
			}
		}(i)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d polls, %d full answers, %d bytes", polls, full, bytes)
}
