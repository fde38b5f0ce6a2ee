// Package export writes compressed inventory records for the data warehouse.
package export

import (
	"bytes"
	"compress/gzip"
	"fmt"
)

// Record is one exported stock movement.
type Record struct {
	SKU      string
	Delta    int
	Location string
}

// Batch compresses each record on its own and returns the compressed payloads.
func Batch(records []Record) ([][]byte, error) {
	out := make([][]byte, 0, len(records))
	for _, r := range records {
		b, err := compressRecord(r)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// compressRecord gzips the text form of one record.
func compressRecord(r Record) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := fmt.Fprintf(zw, "%s\t%d\t%s\n", r.SKU, r.Delta, r.Location); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
