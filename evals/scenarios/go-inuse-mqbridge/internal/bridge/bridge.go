// Package bridge consumes broker frames and forwards them downstream.
package bridge

import (
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"sync"

	"github.com/acme/mqbridge/internal/wire"
)

// Downstream receives the forwarded batches.
type Downstream interface {
	Forward(key []byte, payload []byte) error
}

// Bridge forwards frames from any number of broker connections, dropping redeliveries.
type Bridge struct {
	Window int
	Out    Downstream

	mu         sync.Mutex
	recent     [][]byte // ids of the last Window..2*Window frames forwarded
	Forwarded  int
	Duplicates int
}

// Consume forwards the frames of one broker connection until it ends.
func (b *Bridge) Consume(conn io.Reader, frames int) error {
	for i := 0; i < frames; i++ {
		frame, err := wire.ReadFrame(conn)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		id, err := frame.MessageID()
		if err != nil {
			return err
		}
		key, _ := frame.RoutingKey()
		b.mu.Lock()
		if b.seen(id) {
			b.Duplicates++
			b.mu.Unlock()
			continue
		}
		b.recent = append(b.recent, id)
		if len(b.recent) >= 2*b.Window {
			n := copy(b.recent, b.recent[len(b.recent)-b.Window:])
			b.recent = b.recent[:n]
		}
		b.Forwarded++
		b.mu.Unlock()
		if err := b.Out.Forward(key, frame.Payload()); err != nil {
			return err
		}
	}
	return nil
}

func (b *Bridge) seen(id []byte) bool {
	for i := len(b.recent) - 1; i >= 0; i-- {
		if bytes.Equal(b.recent[i], id) {
			return true
		}
	}
	return false
}

// Checksummer is a downstream that only checksums what it receives.
type Checksummer struct {
	mu  sync.Mutex
	Sum uint32
	N   int64
}

// Forward implements Downstream.
func (c *Checksummer) Forward(key []byte, payload []byte) error {
	s := crc32.ChecksumIEEE(payload)
	c.mu.Lock()
	c.Sum ^= s
	c.N += int64(len(key) + len(payload))
	c.mu.Unlock()
	return nil
}
