// Package recent keeps the most recent error lines per service.
package recent

import "sync"

// Item is one remembered error.
type Item struct {
	Time    []byte
	Message []byte
}

// Errors keeps up to PerService recent errors for each service.
type Errors struct {
	PerService int

	mu   sync.Mutex
	byID map[string][]Item
	next map[string]int
}

// Add remembers an error line of service.
func (e *Errors) Add(service, time, message []byte) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.byID == nil {
		e.byID, e.next = map[string][]Item{}, map[string]int{}
	}
	items := e.byID[string(service)]
	it := Item{Time: time, Message: message}
	if len(items) < e.PerService {
		e.byID[string(service)] = append(items, it)
		return
	}
	i := e.next[string(service)]
	items[i] = it
	e.next[string(service)] = (i + 1) % e.PerService
}

// Count returns the number of remembered errors.
func (e *Errors) Count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, items := range e.byID {
		n += len(items)
	}
	return n
}
