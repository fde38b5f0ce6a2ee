// Package wire encodes pages in the compact client format.
package wire

import (
	"encoding/binary"
	"io"

	"github.com/acme/chathistory/internal/history"
)

// Encoder writes pages; it reuses its scratch buffer between pages.
type Encoder struct {
	scratch []byte
}

// Encode writes p to w: a count, then per message seq, time, author, text, flags.
func (e *Encoder) Encode(w io.Writer, p history.Page) (int, error) {
	b := e.scratch[:0]
	b = binary.AppendUvarint(b, uint64(len(p.Messages)))
	b = binary.AppendVarint(b, p.Next)
	for i := range p.Messages {
		m := &p.Messages[i]
		b = binary.AppendVarint(b, m.Seq)
		b = binary.AppendVarint(b, m.SentAt.Unix())
		b = binary.AppendUvarint(b, uint64(len(m.Author)))
		b = append(b, m.Author...)
		b = binary.AppendUvarint(b, uint64(len(m.Text)))
		b = append(b, m.Text...)
		var flags byte
		if m.Edited {
			flags |= 1
		}
		if m.ThreadID != 0 {
			flags |= 2
		}
		b = append(b, flags, byte(m.Reacts))
	}
	e.scratch = b
	return w.Write(b)
}
