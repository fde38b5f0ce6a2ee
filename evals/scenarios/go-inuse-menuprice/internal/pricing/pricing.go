// Package pricing resolves the price of an item on a channel at a time.
package pricing

import (
	"time"

	"github.com/acme/menuprice/internal/catalog"
)

// Channel surcharges in percent of the menu price.
var surcharge = map[string]int64{"kiosk": 100, "app-pickup": 100, "app-delivery": 115}

// Price is the price of one item as shown on the menu.
type Price struct {
	Cents  int64
	Window string
}

// minuteOfDay is the local time of day at the store, in minutes.
func minuteOfDay(st *catalog.Store, at time.Time) int {
	local := at.UTC().Add(time.Duration(st.TZOffset) * time.Minute)
	return local.Hour()*60 + local.Minute()
}

// Resolve applies the store's time windows and the channel surcharge to the item.
func Resolve(st *catalog.Store, it *catalog.Item, channel string, at time.Time) Price {
	p := Price{Cents: it.BaseCents}
	m := minuteOfDay(st, at)
	for _, w := range st.Windows {
		if w.Section == it.Section && m >= w.From && m < w.To {
			p.Cents = p.Cents * w.Percent / 100
			p.Window = w.Name
			break
		}
	}
	if s, ok := surcharge[channel]; ok {
		p.Cents = p.Cents * s / 100
	}
	return p
}

// ActiveWindows names the windows in force at the store at the time.
func ActiveWindows(st *catalog.Store, at time.Time) []string {
	m := minuteOfDay(st, at)
	var names []string
	for _, w := range st.Windows {
		if m >= w.From && m < w.To {
			names = append(names, w.Name)
		}
	}
	return names
}
