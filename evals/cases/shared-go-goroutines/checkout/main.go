// Command example runs the pyroscope client with every Go profile type enabled: a fast and a
// slow kind of work share one mutex, so the contention profiles have something to show.
package main

import (
	"context"
	"runtime"
	"runtime/pprof"
	"sync"

	"github.com/pyroscope-io/client/pyroscope"
)

var mu sync.Mutex

func work(n int) {
	// Spin: the loop is the whole cost of a call.
	for i := 0; i < n; i++ {
	}
}

// fastFunction has little work of its own, but it needs the mutex that slowFunction holds
// for the whole of its four times longer work: it spends most of its life waiting in Lock.
//
//go:noinline
func fastFunction(c context.Context, wg *sync.WaitGroup) {
	mu.Lock()
	defer mu.Unlock()
	pyroscope.TagWrapper(c, pyroscope.Labels("function", "fast"), func(c context.Context) {
		work(20000000)
	})
	wg.Done()
}

//go:noinline
func slowFunction(c context.Context, wg *sync.WaitGroup) {
	// Holds the mutex while it works: whoever needs it next waits the whole time.
	mu.Lock()
	defer mu.Unlock()
	labels := pprof.Labels("function", "slow")
	pprof.Do(c, labels, func(c context.Context) {
		work(80000000)
	})
	wg.Done()
}

func main() {
	// Record every contention and blocking event (the profiles are small anyway).
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	_, err := pyroscope.Start(pyroscope.Config{
		ApplicationName: "client-example",
		ServerAddress:   "http://localhost:4040",
		Logger:          pyroscope.StandardLogger,
		ProfileTypes: []pyroscope.ProfileType{
			pyroscope.ProfileCPU,
			pyroscope.ProfileInuseObjects,
			pyroscope.ProfileAllocObjects,
			pyroscope.ProfileInuseSpace,
			pyroscope.ProfileAllocSpace,
			pyroscope.ProfileGoroutines,
			pyroscope.ProfileMutexCount,
			pyroscope.ProfileMutexDuration,
			pyroscope.ProfileBlockCount,
			pyroscope.ProfileBlockDuration,
		},
	})
	if err != nil {
		panic(err)
	}

	// One fast and one slow call at a time, in two goroutines, forever.
	pyroscope.TagWrapper(context.Background(), pyroscope.Labels("foo", "bar"), func(c context.Context) {
		for {
			wg := sync.WaitGroup{}
			wg.Add(2)
			go fastFunction(c, &wg)
			go slowFunction(c, &wg)
			wg.Wait()
		}
	})
}
