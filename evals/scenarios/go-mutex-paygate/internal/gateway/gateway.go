// Package gateway is the card authorisation endpoint.
package gateway

import (
	"hash/fnv"
	"strconv"
	"time"

	"github.com/acme/paygate/internal/cards"
	"github.com/acme/paygate/internal/metrics"
	"github.com/acme/paygate/internal/risk"
)

// Request is one authorisation from the checkout.
type Request struct {
	Merchant    string
	CardNumber  string
	AmountCents int64
	Currency    string
	Country     string
	IPCountry   string
	Attempts24h int
}

// Response is the gateway's answer.
type Response struct {
	Approved bool
	Code     string
	AuthRef  string
}

// DeclineScore is the risk score at and above which authorisations are declined.
const DeclineScore = 60

// Gateway authorises card payments.
type Gateway struct {
	Metrics *metrics.Registry
}

func authRef(c cards.Card, amount int64, merchant string) string {
	h := fnv.New64a()
	h.Write([]byte(c.Number))
	h.Write([]byte(merchant))
	h.Write([]byte(strconv.FormatInt(amount, 10)))
	return strconv.FormatUint(h.Sum64(), 36)
}

// Authorize validates, scores and routes one authorisation.
func (g *Gateway) Authorize(req *Request) Response {
	start := time.Now()
	m := g.Metrics
	m.Add("auth_requests_total", metrics.Labels{"merchant": req.Merchant, "currency": req.Currency}, 1)
	card, err := cards.Parse(req.CardNumber)
	if err != nil {
		m.Add("auth_declines_total", metrics.Labels{"merchant": req.Merchant, "reason": "invalid-card"}, 1)
		return Response{Code: "14"}
	}
	score := risk.Score(&risk.Attempt{
		Card: card, AmountCents: req.AmountCents, Currency: req.Currency,
		Country: req.Country, IPCountry: req.IPCountry, Attempts24h: req.Attempts24h,
	})
	resp := Response{Approved: score < DeclineScore, Code: "00"}
	if !resp.Approved {
		resp.Code = "59"
		m.Add("auth_declines_total", metrics.Labels{"merchant": req.Merchant, "reason": "risk"}, 1)
	} else {
		resp.AuthRef = authRef(card, req.AmountCents, req.Merchant)
		m.Add("auth_approved_amount_cents_total", metrics.Labels{"scheme": card.Scheme, "currency": req.Currency}, float64(req.AmountCents))
	}
	m.Add("auth_responses_total", metrics.Labels{"scheme": card.Scheme, "code": resp.Code, "merchant": req.Merchant}, 1)
	m.Observe("auth_duration_ms", metrics.Labels{"scheme": card.Scheme}, float64(time.Since(start).Microseconds())/1000)
	return resp
}
