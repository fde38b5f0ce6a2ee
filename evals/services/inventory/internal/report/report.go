// Package report writes CSV stock reports.
package report

import (
	"io"
	"strconv"
)

// Row is one line of a stock report.
type Row struct {
	SKU       string
	Warehouse string
	OnHand    int
	Reserved  int
}

// Write encodes rows as CSV into w.
func Write(w io.Writer, rows []Row) error {
	for _, r := range rows {
		if _, err := w.Write(encodeRow(r)); err != nil {
			return err
		}
	}
	return nil
}

// encodeRow renders one CSV line.
func encodeRow(r Row) []byte {
	scratch := make([]byte, 0, 64<<10)
	scratch = append(scratch, r.SKU...)
	scratch = append(scratch, ',')
	scratch = append(scratch, r.Warehouse...)
	scratch = append(scratch, ',')
	scratch = strconv.AppendInt(scratch, int64(r.OnHand), 10)
	scratch = append(scratch, ',')
	scratch = strconv.AppendInt(scratch, int64(r.Reserved), 10)
	scratch = append(scratch, '\n')
	return scratch
}
