// Package session serves one downstream client: its watch list and the delivery of its quotes.
package session

import (
	"context"
	"io"
	"sync"

	"github.com/acme/quotefeed/internal/feed"
)

// Session is one connected client.
type Session struct {
	Desk string
	sub  *feed.Subscription
	out  io.Writer

	cancel context.CancelFunc
	done   chan struct{}
	mu     sync.Mutex
	sent   int
	bytes  int
}

// Open subscribes the client's watch list on the hub and starts delivering quotes to out.
func Open(parent context.Context, hub *feed.Hub, desk string, watch []string, out io.Writer) *Session {
	ctx, cancel := context.WithCancel(parent)
	s := &Session{
		Desk:   desk,
		sub:    hub.Subscribe(watch),
		out:    out,
		cancel: cancel,
		done:   make(chan struct{}),
	}
	go s.deliver(ctx)
	return s
}

// deliver writes queued quotes to the client, a small batch per write.
func (s *Session) deliver(ctx context.Context) {
	defer close(s.done)
	buf := make([]byte, 0, 4096)
	for {
		select {
		case <-ctx.Done():
			return
		case q := <-s.sub.C:
			buf = q.AppendLine(buf[:0])
			for n := 0; n < 16 && len(buf) < 3500; n++ {
				select {
				case more := <-s.sub.C:
					buf = more.AppendLine(buf)
					continue
				default:
				}
				break
			}
			if _, err := s.out.Write(buf); err != nil {
				return
			}
			s.mu.Lock()
			s.sent++
			s.bytes += len(buf)
			s.mu.Unlock()
		}
	}
}

// Stats returns how many writes and bytes were sent and how many quotes were dropped.
func (s *Session) Stats() (writes, bytes int, dropped uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent, s.bytes, s.sub.Dropped()
}

// Close ends the session when the client disconnects: delivery stops and the
// goroutine is waited for.
func (s *Session) Close() {
	s.cancel()
	<-s.done
}
