// Package layout describes the bins of the fulfilment centre and the order a
// picker walks past them.
package layout

import (
	"fmt"
	"strconv"
	"strings"
)

// Bin is a location such as "A07-12-3": aisle A07, bay 12, level 3.
type Bin struct {
	Aisle int
	Bay   int
	Level int
}

// ParseBin reads a bin code.
func ParseBin(code string) (Bin, error) {
	parts := strings.Split(code, "-")
	if len(parts) != 3 || len(parts[0]) < 2 {
		return Bin{}, fmt.Errorf("layout: bad bin %q", code)
	}
	aisle, err := strconv.Atoi(parts[0][1:])
	if err != nil {
		return Bin{}, fmt.Errorf("layout: bad aisle in %q", code)
	}
	bay, err := strconv.Atoi(parts[1])
	if err != nil {
		return Bin{}, fmt.Errorf("layout: bad bay in %q", code)
	}
	level, err := strconv.Atoi(parts[2])
	if err != nil {
		return Bin{}, fmt.Errorf("layout: bad level in %q", code)
	}
	return Bin{Aisle: aisle, Bay: bay, Level: level}, nil
}

// Code formats the bin back to its label.
func (b Bin) Code() string {
	return fmt.Sprintf("A%02d-%02d-%d", b.Aisle, b.Bay, b.Level)
}

// WalkRank orders bins the way a picker walks: up the odd aisles and down the
// even ones (serpentine), bays in walking direction, lower levels first.
func (b Bin) WalkRank() int {
	bay := b.Bay
	if b.Aisle%2 == 0 {
		bay = 99 - bay
	}
	return b.Aisle*10000 + bay*10 + b.Level
}

// Zone returns the picking zone of a bin (ambient, chilled, bulky).
func (b Bin) Zone() string {
	switch {
	case b.Aisle >= 30:
		return "BULKY"
	case b.Aisle >= 24:
		return "CHILLED"
	default:
		return "AMBIENT"
	}
}
