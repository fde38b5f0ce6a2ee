// Package score turns an authorisation and its card's velocity into a decision.
package score

import (
	"github.com/acme/fraudscore/internal/txn"
	"github.com/acme/fraudscore/internal/velocity"
)

// Decision is the outcome of scoring one authorisation.
type Decision struct {
	Score  int
	Review bool
	Block  bool
}

// highRiskMCC are merchant categories with elevated fraud rates (gambling, money transfer, crypto).
var highRiskMCC = map[int]bool{7995: true, 4829: true, 6051: true, 6211: true}

// Scorer scores authorisations.
type Scorer struct {
	Velocity *velocity.Tracker
	Home     string // the issuer's country
}

// Score returns the decision for a.
func (s *Scorer) Score(a *txn.Auth) Decision {
	v := s.Velocity.Observe(a)
	score := 0
	if v.Count > 5 {
		score += 10 * (v.Count - 5)
	}
	if v.Cents > 150000 {
		score += 25
	}
	if v.Countries > 1 {
		score += 30 * (v.Countries - 1)
	}
	if v.Merchants > 4 {
		score += 15
	}
	if highRiskMCC[a.MCC] {
		score += 20
	}
	if a.Country != s.Home && a.Online {
		score += 10
	}
	return Decision{Score: score, Review: score >= 40, Block: score >= 70}
}
