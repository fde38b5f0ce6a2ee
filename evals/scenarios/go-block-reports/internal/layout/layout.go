// Package layout lays report tables out on pages and encodes them.
package layout

import (
	"bytes"
	"compress/flate"
	"fmt"

	"github.com/acme/reports/internal/datasource"
)

// Document is an encoded report.
type Document struct {
	Pages int
	Bytes []byte
}

// Render lays rows out with perPage rows per page and encodes the page streams.
func Render(title string, rows []datasource.Row, perPage int) (Document, error) {
	var out bytes.Buffer
	zw, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		return Document{}, err
	}
	pages := 0
	var total int64
	for start := 0; start < len(rows); start += perPage {
		pages++
		fmt.Fprintf(zw, "BT /F1 14 Tf 50 800 Td (%s - page %d) Tj ET\n", title, pages)
		end := start + perPage
		if end > len(rows) {
			end = len(rows)
		}
		for i, r := range rows[start:end] {
			total += r.AmountCents
			fmt.Fprintf(zw, "BT /F1 9 Tf 50 %d Td (%s) Tj 120 0 Td (%s) Tj 300 0 Td (%d.%02d) Tj ET\n",
				780-i*18, r.Date, r.Description, r.AmountCents/100, abs(r.AmountCents%100))
		}
	}
	fmt.Fprintf(zw, "BT /F1 11 Tf 50 40 Td (Total %d.%02d) Tj ET\n", total/100, abs(total%100))
	if err := zw.Close(); err != nil {
		return Document{}, err
	}
	return Document{Pages: pages, Bytes: out.Bytes()}, nil
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
