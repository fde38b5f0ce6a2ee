// Package storefront serves the menu endpoint used by kiosks and the apps.
package storefront

import (
	"errors"
	"strconv"
	"time"

	"github.com/acme/menuprice/internal/catalog"
	"github.com/acme/menuprice/internal/menucache"
	"github.com/acme/menuprice/internal/pricing"
)

// ErrUnknownStore is returned for store ids not in the catalog.
var ErrUnknownStore = errors.New("storefront: unknown store")

// Server answers menu requests.
type Server struct {
	Catalog *catalog.Catalog
	Cache   *menucache.Cache
}

// Menu returns the store's menu for the channel, priced at the request time.
func (s *Server) Menu(storeID, channel string, now time.Time) ([]byte, error) {
	st, ok := s.Catalog.Store(storeID)
	if !ok {
		return nil, ErrUnknownStore
	}
	key := menucache.Key{Store: storeID, Channel: channel, At: now}
	if doc, ok := s.Cache.Get(key); ok {
		return doc, nil
	}
	doc := render(st, channel, now)
	s.Cache.Put(key, doc)
	return doc, nil
}

// render writes the menu document (JSON) with every item's resolved price.
func render(st *catalog.Store, channel string, at time.Time) []byte {
	size := 64
	for i := range st.Items {
		it := &st.Items[i]
		size += 128 + len(it.SKU) + len(it.Name) + len(it.Description) + len(it.Section)
		for _, a := range it.Allergens {
			size += len(a) + 3
		}
		for _, m := range it.Modifiers {
			size += len(m) + 3
		}
	}
	doc := make([]byte, 0, size)
	doc = append(doc, `{"store":"`...)
	doc = append(doc, st.ID...)
	doc = append(doc, `","channel":"`...)
	doc = append(doc, channel...)
	doc = append(doc, `","windows":[`...)
	for i, w := range pricing.ActiveWindows(st, at) {
		if i > 0 {
			doc = append(doc, ',')
		}
		doc = strconv.AppendQuote(doc, w)
	}
	doc = append(doc, `],"items":[`...)
	for i := range st.Items {
		it := &st.Items[i]
		p := pricing.Resolve(st, it, channel, at)
		if i > 0 {
			doc = append(doc, ',')
		}
		doc = append(doc, `{"sku":`...)
		doc = strconv.AppendQuote(doc, it.SKU)
		doc = append(doc, `,"name":`...)
		doc = strconv.AppendQuote(doc, it.Name)
		doc = append(doc, `,"description":`...)
		doc = strconv.AppendQuote(doc, it.Description)
		doc = append(doc, `,"section":`...)
		doc = strconv.AppendQuote(doc, it.Section)
		doc = append(doc, `,"price_cents":`...)
		doc = strconv.AppendInt(doc, p.Cents, 10)
		if p.Window != "" {
			doc = append(doc, `,"deal":`...)
			doc = strconv.AppendQuote(doc, p.Window)
		}
		doc = append(doc, `,"allergens":[`...)
		for j, a := range it.Allergens {
			if j > 0 {
				doc = append(doc, ',')
			}
			doc = strconv.AppendQuote(doc, a)
		}
		doc = append(doc, `],"modifiers":[`...)
		for j, m := range it.Modifiers {
			if j > 0 {
				doc = append(doc, ',')
			}
			doc = strconv.AppendQuote(doc, m)
		}
		doc = append(doc, "]}"...)
	}
	doc = append(doc, "]}"...)
	return doc
}
