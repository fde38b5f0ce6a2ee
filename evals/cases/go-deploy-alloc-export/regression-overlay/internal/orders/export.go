// Package orders exports orders to the carriers' EDI format.
package orders

import (
	"bytes"
	"strconv"
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

// maxMessage is the largest EDI message a carrier accepts; buffers are sized for it so
// that big orders never have to grow them.
const maxMessage = 32 << 10

// Encode returns the order as EDI segments.
func Encode(o Order) []byte {
	buf := bytes.NewBuffer(make([]byte, 0, maxMessage))
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
	return buf.Bytes()
}

func writeHeader(buf *bytes.Buffer, o Order) {
	buf.WriteString("UNH+")
	buf.WriteString(o.ID)
	buf.WriteString("+IFTMIN:D:04A:UN'\nNAD+CA+")
	buf.WriteString(o.Carrier)
	buf.WriteString("'\n")
}
