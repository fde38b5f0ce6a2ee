// Package render turns a print job into ZPL for the stations' thermal printers.
package render

import (
	"context"
	"fmt"
	"strings"

	"github.com/acme/labelprint/internal/wire"
)

// ZPL renders the label. It checks ctx between sections so an aborted job stops early.
func ZPL(ctx context.Context, job *wire.Job) (string, error) {
	var b strings.Builder
	b.Grow(2048)
	b.WriteString("^XA^CI28^PW812^LL1218\n")
	address(&b, 40, 40, "FROM", job.From)
	address(&b, 40, 300, "TO", job.To)
	if err := ctx.Err(); err != nil {
		return "", err
	}
	logo(&b, job)
	fmt.Fprintf(&b, "^FO40,700^A0N,40,40^FD%s %s^FS\n", strings.ToUpper(job.Carrier), job.Service)
	fmt.Fprintf(&b, "^FO40,760^A0N,28,28^FD%.2f kg^FS\n", float64(job.WeightG)/1000)
	fmt.Fprintf(&b, "^FO40,820^BY3^BCN,200,Y,N,N^FD%s^FS\n", job.Tracking)
	if err := ctx.Err(); err != nil {
		return "", err
	}
	b.WriteString("^XZ\n")
	return b.String(), nil
}

func address(b *strings.Builder, x, y int, title string, a wire.Address) {
	fmt.Fprintf(b, "^FO%d,%d^A0N,24,24^FD%s^FS\n", x, y, title)
	lines := []string{a.Name, a.Line1, a.Line2, a.Postal + " " + a.City, a.Country}
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		y += 34
		fmt.Fprintf(b, "^FO%d,%d^A0N,30,30^FD%s^FS\n", x, y, l)
	}
}

// logo places the artwork as a ZPL graphic field; stations upload the logo once
// per printer with ~DY, so the label only references it by checksum.
func logo(b *strings.Builder, job *wire.Job) {
	if len(job.Artwork) == 0 || job.LogoW == 0 {
		return
	}
	var sum uint32
	for i := 0; i < len(job.Artwork); i += 64 {
		sum = sum*31 + uint32(job.Artwork[i])
	}
	fmt.Fprintf(b, "^FO560,40^XGR:L%08X.GRF,1,1^FS\n", sum)
}
