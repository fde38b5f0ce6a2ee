// Package audit reports refund decisions to the audit collector.
package audit

import (
	"strconv"
	"strings"
	"time"
)

// Record is one audited decision.
type Record struct {
	At       time.Time
	ChargeID string
	Customer string
	Amount   int64
	Currency string
	Outcome  string
	Reason   string
}

// Encode renders r as one line of the collector's tab-separated protocol.
func (r Record) Encode() string {
	var b strings.Builder
	b.Grow(96)
	b.WriteString("AUD1\t")
	b.WriteString(r.At.UTC().Format(time.RFC3339Nano))
	b.WriteByte('\t')
	b.WriteString(r.ChargeID)
	b.WriteByte('\t')
	b.WriteString(r.Customer)
	b.WriteByte('\t')
	b.WriteString(strconv.FormatInt(r.Amount, 10))
	b.WriteByte('\t')
	b.WriteString(r.Currency)
	b.WriteByte('\t')
	b.WriteString(r.Outcome)
	b.WriteByte('\t')
	b.WriteString(strings.ReplaceAll(r.Reason, "\t", " "))
	b.WriteByte('\n')
	return b.String()
}
