// Package frame formats log records as RFC 5424 messages with octet-counted framing.
package frame

import (
	"bytes"
	"strconv"
	"time"

	"github.com/acme/syslogfwd/internal/record"
)

// Encoder frames records for the collector.
type Encoder struct {
	// MaxMsg truncates longer messages (the collector rejects frames above 8 KiB).
	MaxMsg int
}

// Encode appends to dst one octet-counted frame ("LEN SP SYSLOG-MSG") per record.
func (e *Encoder) Encode(dst []byte, recs []record.Record) []byte {
	for i := range recs {
		r := &recs[i]
		var b bytes.Buffer
		b.WriteByte('<')
		b.WriteString(strconv.Itoa(r.Facility*8 + r.Severity))
		b.WriteString(">1 ")
		b.WriteString(r.Time.UTC().Format(time.RFC3339Nano))
		b.WriteByte(' ')
		b.WriteString(nilValue(r.Host))
		b.WriteByte(' ')
		b.WriteString(nilValue(r.App))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(r.PID))
		b.WriteByte(' ')
		b.WriteString(nilValue(r.MsgID))
		b.WriteByte(' ')
		writeSD(&b, r)
		b.WriteByte(' ')
		msg := string(r.Msg)
		if e.MaxMsg > 0 && len(msg) > e.MaxMsg {
			msg = msg[:e.MaxMsg]
		}
		b.WriteString(msg)
		line := b.String()
		dst = strconv.AppendInt(dst, int64(len(line)), 10)
		dst = append(dst, ' ')
		dst = append(dst, []byte(line)...)
	}
	return dst
}

// writeSD writes the record's structured-data element, or "-" when it has none.
func writeSD(b *bytes.Buffer, r *record.Record) {
	if r.SDID == "" {
		b.WriteByte('-')
		return
	}
	b.WriteByte('[')
	b.WriteString(r.SDID)
	for _, p := range r.Params {
		b.WriteByte(' ')
		b.WriteString(p.Name)
		b.WriteString(`="`)
		for j := 0; j < len(p.Value); j++ {
			switch c := p.Value[j]; c {
			case '"', '\\', ']':
				b.WriteByte('\\')
				b.WriteByte(c)
			default:
				b.WriteByte(c)
			}
		}
		b.WriteByte('"')
	}
	b.WriteByte(']')
}

// nilValue returns s, or RFC 5424's NILVALUE "-" when s is empty.
func nilValue(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
