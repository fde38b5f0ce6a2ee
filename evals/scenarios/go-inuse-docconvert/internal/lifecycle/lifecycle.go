// Package lifecycle runs registered hooks when the process shuts down.
package lifecycle

import "sync"

var (
	mu    sync.Mutex
	hooks []func()
)

// OnShutdown registers f to run at Shutdown, in reverse order of registration.
func OnShutdown(f func()) {
	mu.Lock()
	hooks = append(hooks, f)
	mu.Unlock()
}

// Shutdown runs the registered hooks once.
func Shutdown() {
	mu.Lock()
	hs := hooks
	hooks = nil
	mu.Unlock()
	for i := len(hs) - 1; i >= 0; i-- {
		hs[i]()
	}
}

// Pending returns the number of registered hooks.
func Pending() int {
	mu.Lock()
	defer mu.Unlock()
	return len(hooks)
}
