// Package lookup answers the service counter's queries.
package lookup

import (
	"sort"

	"github.com/acme/spareparts/internal/catalog"
)

// Counter answers lookups over one depot's catalogue.
type Counter struct {
	Catalog *catalog.Catalog
}

// Hit is one line of a lookup result.
type Hit struct {
	Number    string
	Name      string
	Bin       string
	Available int
	UnitCents int64
}

func hit(p *catalog.Part) Hit {
	return Hit{Number: p.Number, Name: p.Name, Bin: p.Bin, Available: p.Available(), UnitCents: p.UnitCents}
}

// InBin lists the parts stored in one bin (the technician is standing in front of it).
func (c *Counter) InBin(bin string) []Hit {
	var out []Hit
	parts := c.Catalog.All()
	for i := range parts {
		if parts[i].Bin == bin {
			out = append(out, hit(&parts[i]))
		}
	}
	return out
}

// ForModel lists the parts of one category that fit a machine model, cheapest first, only
// those in stock.
func (c *Counter) ForModel(model, category string) []Hit {
	var out []Hit
	parts := c.Catalog.All()
	for i := range parts {
		p := &parts[i]
		if p.Category != category || p.Available() <= 0 {
			continue
		}
		for _, m := range p.Fits {
			if m == model {
				out = append(out, hit(p))
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UnitCents < out[j].UnitCents })
	return out
}

// Part looks up one part number.
func (c *Counter) Part(number string) (Hit, bool) {
	p, ok := c.Catalog.Get(number)
	if !ok {
		return Hit{}, false
	}
	return hit(&p), true
}
