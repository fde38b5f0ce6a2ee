package zones

import (
	"errors"
	"sync"

	"github.com/acme/courierzones/internal/geo"
)

// ErrNoPrevious: Rollback has nothing to go back to.
var ErrNoPrevious = errors.New("zones: no previous version")

// Change is what a new revision changed compared with the one it replaced.
type Change struct {
	Revision                    int
	Added, Removed, FeesChanged []string
	ShapesChanged               int
}

// Live is the version the lookups are answered from.
type Live struct {
	mu  sync.RWMutex
	cur *Set
	log []Change
}

// Install makes next the live version. The version it replaces is kept so
// that a bad publish can be rolled back and the change log can say what moved.
func (l *Live) Install(next *Set) Change {
	l.mu.Lock()
	defer l.mu.Unlock()
	next.prev = l.cur
	ch := diff(l.cur, next)
	l.cur = next
	if len(l.log) == 256 {
		copy(l.log, l.log[1:])
		l.log = l.log[:255]
	}
	l.log = append(l.log, ch)
	return ch
}

// Rollback goes back to the version the live one replaced.
func (l *Live) Rollback() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur == nil || l.cur.prev == nil {
		return ErrNoPrevious
	}
	l.cur = l.cur.prev
	return nil
}

// Current returns the live version.
func (l *Live) Current() *Set {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur
}

// Lookup answers from the live version.
func (l *Live) Lookup(p geo.Point) (zone, depot string, fee int, ok bool) {
	s := l.Current()
	if s == nil {
		return "", "", 0, false
	}
	z := s.Lookup(p)
	if z == nil {
		return "", "", 0, false
	}
	return z.ID, z.Depot, z.FeeCents, true
}

// Changes returns the most recent change log entries.
func (l *Live) Changes() []Change {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]Change(nil), l.log...)
}

func diff(old, next *Set) Change {
	ch := Change{Revision: next.Revision}
	if old == nil {
		for _, z := range next.Zones {
			ch.Added = append(ch.Added, z.ID)
		}
		return ch
	}
	byID := make(map[string]int, len(old.Zones))
	for i, z := range old.Zones {
		byID[z.ID] = i
	}
	for _, z := range next.Zones {
		i, ok := byID[z.ID]
		if !ok {
			ch.Added = append(ch.Added, z.ID)
			continue
		}
		delete(byID, z.ID)
		o := old.Zones[i]
		if o.FeeCents != z.FeeCents {
			ch.FeesChanged = append(ch.FeesChanged, z.ID)
		}
		if len(o.Area.Points) != len(z.Area.Points) || o.Area.Bounds != z.Area.Bounds {
			ch.ShapesChanged++
		}
	}
	for id := range byID {
		ch.Removed = append(ch.Removed, id)
	}
	return ch
}
