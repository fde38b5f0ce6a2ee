// Package risk runs the fraud rules on an authorisation.
package risk

import (
	"github.com/acme/paygate/internal/cards"
	"github.com/acme/paygate/internal/metrics"
)

// Attempt is what the rules look at.
type Attempt struct {
	Card        cards.Card
	AmountCents int64
	Currency    string
	Country     string
	IPCountry   string
	Attempts24h int
}

// Rule is one fraud rule; it returns a score contribution when it fires.
type Rule struct {
	Name  string
	Check func(a *Attempt) (int, bool)
}

// Rules is the rule set in evaluation order.
var Rules = []Rule{
	{"high-amount", func(a *Attempt) (int, bool) { return 30, a.AmountCents > 50000 }},
	{"geo-mismatch", func(a *Attempt) (int, bool) { return 25, a.Country != a.IPCountry }},
	{"velocity", func(a *Attempt) (int, bool) { return 40, a.Attempts24h > 5 }},
	{"foreign-currency", func(a *Attempt) (int, bool) { return 10, a.Currency != "GBP" && a.Currency != "EUR" }},
	{"prepaid-bin", func(a *Attempt) (int, bool) { return 15, a.Card.BIN[5] == '9' }},
	{"amex-large", func(a *Attempt) (int, bool) { return 20, a.Card.Scheme == "amex" && a.AmountCents > 20000 }},
}

// Score runs every rule and records which ones fired.
func Score(a *Attempt) int {
	score := 0
	for _, r := range Rules {
		pts, hit := r.Check(a)
		outcome := "pass"
		if hit {
			score += pts
			outcome = "hit"
		}
		metrics.Default.Add("risk_rule_evaluations_total", metrics.Labels{"rule": r.Name, "outcome": outcome, "scheme": a.Card.Scheme}, 1)
	}
	metrics.Default.Observe("risk_score", metrics.Labels{"scheme": a.Card.Scheme}, float64(score))
	return score
}
