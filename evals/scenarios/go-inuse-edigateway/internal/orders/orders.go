// Package orders translates 850 purchase orders and builds 997 acknowledgements.
package orders

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/acme/edigateway/internal/x12"
)

// Line is one ordered item.
type Line struct {
	SKU      string
	Qty      int
	UnitCost int64 // cents
}

// Order is a purchase order in the order service's format.
type Order struct {
	Partner string
	PO      string
	ShipTo  string
	Lines   []Line
}

// Total returns the order value in cents.
func (o Order) Total() int64 {
	var t int64
	for _, l := range o.Lines {
		t += int64(l.Qty) * l.UnitCost
	}
	return t
}

// Translate turns every 850 set of ic into an Order; other sets are skipped.
func Translate(ic *x12.Interchange) ([]Order, error) {
	var out []Order
	for _, set := range ic.Sets {
		if set.Code != "850" {
			continue
		}
		o := Order{Partner: ic.Sender}
		for _, seg := range set.Segments {
			switch seg.ID {
			case "BEG":
				if len(seg.Elements) > 2 {
					o.PO = string(seg.Elements[2])
				}
			case "N1":
				if len(seg.Elements) > 1 && string(seg.Elements[0]) == "ST" {
					o.ShipTo = string(seg.Elements[1])
				}
			case "PO1":
				if len(seg.Elements) < 7 {
					return nil, fmt.Errorf("orders: %s: short PO1", o.PO)
				}
				qty, err := strconv.Atoi(string(seg.Elements[1]))
				if err != nil {
					return nil, fmt.Errorf("orders: %s: quantity: %w", o.PO, err)
				}
				cost, err := strconv.ParseFloat(string(seg.Elements[3]), 64)
				if err != nil {
					return nil, fmt.Errorf("orders: %s: unit price: %w", o.PO, err)
				}
				o.Lines = append(o.Lines, Line{SKU: string(seg.Elements[6]), Qty: qty, UnitCost: int64(cost*100 + 0.5)})
			}
		}
		out = append(out, o)
	}
	return out, nil
}

// Ack builds the 997 functional acknowledgement for an interchange.
func Ack(ic *x12.Interchange, accepted bool) string {
	code := "A"
	if !accepted {
		code = "R"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "ST*997*%s~AK1*PO*%s~", ic.Control, ic.Control)
	for _, set := range ic.Sets {
		fmt.Fprintf(&b, "AK2*%s*%s~AK5*%s~", set.Code, set.Control, code)
	}
	fmt.Fprintf(&b, "AK9*%s*%d*%d*%d~SE*%d*%s~", code, len(ic.Sets), len(ic.Sets), len(ic.Sets), 4+2*len(ic.Sets), ic.Control)
	return b.String()
}
