// Package quote gathers every partner's offer for an application.
package quote

import (
	"errors"
	"sort"
	"sync"

	"github.com/acme/underwriting/internal/carriers"
)

// ErrNoOffer is returned when every partner declined.
var ErrNoOffer = errors.New("no partner made an offer")

// Broker asks all partners for a price.
type Broker struct {
	Partners []*carriers.Carrier
}

// Result is the broker's answer: the offers, cheapest first.
type Result struct {
	Offers   []carriers.Offer
	Declined []string
}

// Quote collects one offer per partner.
func (b *Broker) Quote(app carriers.Application) (Result, error) {
	offers := make([]carriers.Offer, len(b.Partners))
	var wg sync.WaitGroup
	for i, p := range b.Partners {
		wg.Add(1)
		go func(i int, p *carriers.Carrier) {
			defer wg.Done()
			offers[i] = p.Price(app)
		}(i, p)
		wg.Wait()
	}
	return rank(offers)
}

func rank(offers []carriers.Offer) (Result, error) {
	var res Result
	for _, o := range offers {
		if o.Declined {
			res.Declined = append(res.Declined, o.Carrier)
			continue
		}
		res.Offers = append(res.Offers, o)
	}
	if len(res.Offers) == 0 {
		return res, ErrNoOffer
	}
	sort.Slice(res.Offers, func(i, j int) bool { return res.Offers[i].Annual < res.Offers[j].Annual })
	return res, nil
}
