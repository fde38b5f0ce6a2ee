// Package notify tells customers about order status changes.
package notify

import "sync/atomic"

// Notifier tracks order status subscriptions.
type Notifier struct {
	sent int64
}

type subscription struct {
	orderID int
	updates chan string
	done    chan struct{}
}

// Subscribe starts watching an order and returns the channel to send its updates on.
func (n *Notifier) Subscribe(orderID int) chan<- string {
	s := &subscription{orderID: orderID, updates: make(chan string), done: make(chan struct{})}
	go n.watch(s)
	return s.updates
}

// watch forwards updates until the subscription is done.
func (n *Notifier) watch(s *subscription) {
	for {
		select {
		case <-s.updates:
			atomic.AddInt64(&n.sent, 1)
		case <-s.done:
			return
		}
	}
}

// Sent returns how many notifications were sent.
func (n *Notifier) Sent() int64 {
	return atomic.LoadInt64(&n.sent)
}
