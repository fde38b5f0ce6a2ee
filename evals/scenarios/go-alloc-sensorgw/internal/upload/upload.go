// Package upload batches readings into NDJSON bodies for the time-series store.
package upload

import (
	"encoding/json"
	"hash/crc32"

	"github.com/acme/sensorgw/internal/reading"
)

// Batcher collects readings and encodes them into upload bodies.
type Batcher struct {
	MaxBatch int
	pending  []reading.Reading
	body     []byte
	Uploaded int
	Bytes    int64
	Checksum uint32
}

// Add queues r and uploads the batch once MaxBatch readings are pending.
func (b *Batcher) Add(r reading.Reading) error {
	b.pending = append(b.pending, r)
	if len(b.pending) < b.MaxBatch {
		return nil
	}
	return b.Flush()
}

// Flush uploads the pending readings as one body.
func (b *Batcher) Flush() error {
	if len(b.pending) == 0 {
		return nil
	}
	body, err := encode(b.body[:0], b.pending)
	if err != nil {
		return err
	}
	b.body = body
	b.send(body)
	b.Uploaded += len(b.pending)
	b.pending = b.pending[:0]
	return nil
}

// encode appends one JSON document per reading, each followed by a newline, to dst.
func encode(dst []byte, readings []reading.Reading) ([]byte, error) {
	for i := range readings {
		line, err := json.Marshal(&readings[i])
		if err != nil {
			return dst, err
		}
		dst = append(dst, line...)
		dst = append(dst, '\n')
	}
	return dst, nil
}

// send stands in for the POST to the ingest endpoint.
func (b *Batcher) send(body []byte) {
	b.Bytes += int64(len(body))
	b.Checksum ^= crc32.ChecksumIEEE(body)
}
