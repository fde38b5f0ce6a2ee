// Package orders exports orders to the carriers' EDI format.
package orders

import (
	"bytes"
	"strconv"
	"sync"
)

// Line is one article of an order.
type Line struct {
	SKU string
	Qty int
}

// Order is what a carrier must ship.
type Order struct {
	ID      string
	Carrier string
	Lines   []Line
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Encode returns the order as EDI segments.
func Encode(o Order) []byte {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	writeHeader(buf, o)
	for i, l := range o.Lines {
		buf.WriteString("LIN+")
		buf.WriteString(strconv.Itoa(i + 1))
		buf.WriteString("+")
		buf.WriteString(l.SKU)
		buf.WriteString("'QTY+")
		buf.WriteString(strconv.Itoa(l.Qty))
		buf.WriteString("'\n")
	}
	buf.WriteString("UNT+")
	buf.WriteString(strconv.Itoa(len(o.Lines) + 2))
	buf.WriteString("'\n")
	return append([]byte(nil), buf.Bytes()...)
}

func writeHeader(buf *bytes.Buffer, o Order) {
	buf.WriteString("UNH+")
	buf.WriteString(o.ID)
	buf.WriteString("+IFTMIN:D:04A:UN'\nNAD+CA+")
	buf.WriteString(o.Carrier)
	buf.WriteString("'\n")
}
