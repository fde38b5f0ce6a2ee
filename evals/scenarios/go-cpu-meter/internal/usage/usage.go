// Package usage defines usage events and billable records.
package usage

import (
	"strconv"
	"time"
)

// Event is one raw API call reported by the gateway.
type Event struct {
	Tenant   string
	Product  string
	Units    int64
	Bytes    int64
	At       time.Time
	Region   string
	Metadata string
}

// Record is a billable usage line.
type Record struct {
	Tenant  string
	SKU     string
	Units   int64
	Minute  int64
	Region  string
	Comment string
}

// AppendLine appends the spool line of r (tab separated, newline terminated) to b.
func (r *Record) AppendLine(b []byte) []byte {
	b = append(b, r.Tenant...)
	b = append(b, '\t')
	b = append(b, r.SKU...)
	b = append(b, '\t')
	b = strconv.AppendInt(b, r.Units, 10)
	b = append(b, '\t')
	b = strconv.AppendInt(b, r.Minute, 10)
	b = append(b, '\t')
	b = append(b, r.Region...)
	b = append(b, '\t')
	b = append(b, r.Comment...)
	return append(b, '\n')
}
