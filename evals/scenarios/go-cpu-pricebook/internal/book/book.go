// Package book holds the current price book.
package book

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"strconv"
	"sync"
)

// Price is the price of one article.
type Price struct {
	SKU       string
	ListCents int64
	TierCents int64
	Pack      int
}

// ErrUnknown is returned for an article that is not in the book.
var ErrUnknown = errors.New("unknown article")

// Book is the price book of the current feed, kept as received.
type Book struct {
	mu   sync.RWMutex
	blob []byte
	rev  int
}

// Install replaces the book with a new feed (zlib-compressed CSV).
func (b *Book) Install(blob []byte) {
	b.mu.Lock()
	b.blob, b.rev = blob, b.rev+1
	b.mu.Unlock()
}

// Table returns the CSV of the current feed.
func (b *Book) Table() ([]byte, error) {
	b.mu.RLock()
	blob := b.blob
	b.mu.RUnlock()
	zr, err := zlib.NewReader(bytes.NewReader(blob))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

// Lookup finds sku in the CSV table.
func Lookup(table []byte, sku string) (Price, error) {
	key := make([]byte, 0, len(sku)+2)
	key = append(append(append(key, '\n'), sku...), ';')
	i := bytes.Index(table, key)
	if i < 0 {
		return Price{}, ErrUnknown
	}
	line := table[i+1:]
	if j := bytes.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	f := bytes.Split(line, []byte{';'})
	if len(f) != 5 {
		return Price{}, ErrUnknown
	}
	list, _ := strconv.ParseInt(string(f[2]), 10, 64)
	tier, _ := strconv.ParseInt(string(f[3]), 10, 64)
	pack, _ := strconv.Atoi(string(f[4]))
	return Price{SKU: sku, ListCents: list, TierCents: tier, Pack: pack}, nil
}
