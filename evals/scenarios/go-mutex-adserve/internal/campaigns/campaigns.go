// Package campaigns holds the house campaigns and their creatives.
package campaigns

import (
	"fmt"
	"math/rand"
	"strings"
)

// Creative is one ad of a campaign.
type Creative struct {
	ID     string
	Width  int
	Height int
	Weight float64
}

// Campaign is a set of creatives with its targeting.
type Campaign struct {
	ID        string
	Sections  []string
	Countries []string
	Priority  int
	Creatives []Creative
}

// Book is every live campaign.
type Book struct {
	Campaigns []*Campaign
}

var sections = []string{"news", "sport", "money", "travel", "food", "tech", "culture", "weather"}
var countries = []string{"GB", "IE", "DE", "FR", "NL", "ES", "IT", "SE"}
var sizes = [][2]int{{300, 250}, {728, 90}, {320, 50}, {300, 600}, {970, 250}}

// Synthetic builds n campaigns.
func Synthetic(n int, seed int64) *Book {
	r := rand.New(rand.NewSource(seed))
	b := &Book{}
	for i := 0; i < n; i++ {
		c := &Campaign{ID: fmt.Sprintf("cmp-%03d", i), Priority: 1 + r.Intn(3)}
		for s := 0; s < 1+r.Intn(4); s++ {
			c.Sections = append(c.Sections, sections[r.Intn(len(sections))])
		}
		for s := 0; s < 1+r.Intn(5); s++ {
			c.Countries = append(c.Countries, countries[r.Intn(len(countries))])
		}
		for k := 0; k < 2+r.Intn(6); k++ {
			sz := sizes[r.Intn(len(sizes))]
			c.Creatives = append(c.Creatives, Creative{
				ID: fmt.Sprintf("%s-cr%d", c.ID, k), Width: sz[0], Height: sz[1], Weight: 0.5 + r.Float64(),
			})
		}
		b.Campaigns = append(b.Campaigns, c)
	}
	return b
}

// Sections lists the site sections.
func Sections() []string { return sections }

// Countries lists the countries served.
func Countries() []string { return countries }

func contains(list []string, v string) bool {
	for _, s := range list {
		if strings.EqualFold(s, v) {
			return true
		}
	}
	return false
}

// Eligible returns the creatives of the size that may run on the section in the country.
func (b *Book) Eligible(section, country string, w, h int) []Creative {
	var out []Creative
	for _, c := range b.Campaigns {
		if !contains(c.Sections, section) || !contains(c.Countries, country) {
			continue
		}
		for _, cr := range c.Creatives {
			if cr.Width == w && cr.Height == h {
				out = append(out, cr)
			}
		}
	}
	return out
}
