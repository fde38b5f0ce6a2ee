package orders

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/acme/picklists/internal/layout"
)

type sheetHeader struct {
	Number   string
	Customer string
	Carrier  string
	Cutoff   time.Time
	Picker   string
	Reprint  bool
}

type placedLine struct {
	Line
	bin  layout.Bin
	rank int
}

// renderSheet lays the lines out in walking order, grouped by zone, with a
// check code per line that the handheld verifies when the bin is scanned.
func renderSheet(h sheetHeader, lines []Line, now time.Time) (string, error) {
	placed := make([]placedLine, 0, len(lines))
	for _, l := range lines {
		bin, err := layout.ParseBin(l.Bin)
		if err != nil {
			return "", fmt.Errorf("order %s: %w", h.Number, err)
		}
		placed = append(placed, placedLine{Line: l, bin: bin, rank: bin.WalkRank()})
	}
	sort.SliceStable(placed, func(i, j int) bool { return placed[i].rank < placed[j].rank })

	var b strings.Builder
	fmt.Fprintf(&b, "PICK %s  %s  carrier %s  cutoff %s\n", h.Number, h.Customer, h.Carrier, h.Cutoff.Format("15:04"))
	fmt.Fprintf(&b, "picker %s  printed %s", h.Picker, now.Format(time.RFC3339))
	if h.Reprint {
		b.WriteString("  REPRINT")
	}
	b.WriteString("\n")
	zone, units := "", 0
	for i, p := range placed {
		if z := p.bin.Zone(); z != zone {
			zone = z
			fmt.Fprintf(&b, "-- %s --\n", zone)
		}
		code := checkCode(fmt.Sprintf("%s|%s|%s|%d", h.Number, p.SKU, p.bin.Code(), p.Qty))
		fmt.Fprintf(&b, "%3d  %-9s  %-12s  %-32.32s  x%-3d  [%s]\n", i+1, p.bin.Code(), p.SKU, p.Description, p.Qty, code)
		units += p.Qty
	}
	fmt.Fprintf(&b, "%d lines, %d units\n", len(placed), units)
	return b.String(), nil
}

// checkCode is the Code 128 style modulo-103 check value of s, printed as
// three digits, folded over a few rounds so that transposed characters differ.
func checkCode(s string) string {
	sum := 0
	for round := 1; round <= 16; round++ {
		for i := 0; i < len(s); i++ {
			sum = (sum + int(s[i]-32)*(i+round)) % 103
		}
	}
	return fmt.Sprintf("%03d", sum)
}
