// Package refund validates and processes refund requests.
package refund

import (
	"errors"
	"time"

	"github.com/acme/refunds/internal/audit"
	"github.com/acme/refunds/internal/ledger"
)

// Request asks to refund Amount of a charge.
type Request struct {
	ChargeID string
	Amount   int64
	Reason   string
}

// Result is the outcome of one request.
type Result struct {
	Approved  bool
	Remaining int64
	Err       error
}

// ErrInvalid is returned for malformed requests.
var ErrInvalid = errors.New("refund: invalid request")

// Reporter receives every decision.
type Reporter interface {
	Report(audit.Record)
}

// Service processes refunds against a ledger.
type Service struct {
	Ledger   *ledger.Ledger
	Audit    Reporter
	MaxRatio float64
	Now      func() time.Time
}

// Process validates req, books the reversal and reports the decision.
func (s *Service) Process(req Request) Result {
	res := s.decide(req)
	rec := audit.Record{At: s.Now(), ChargeID: req.ChargeID, Amount: req.Amount, Reason: req.Reason}
	if c, err := s.Ledger.Lookup(req.ChargeID); err == nil {
		rec.Customer, rec.Currency = c.Customer, c.Currency
	}
	switch {
	case res.Approved:
		rec.Outcome = "approved"
	case res.Err != nil:
		rec.Outcome = "rejected:" + res.Err.Error()
	default:
		rec.Outcome = "rejected"
	}
	s.Audit.Report(rec)
	return res
}

func (s *Service) decide(req Request) Result {
	if req.ChargeID == "" || req.Amount <= 0 {
		return Result{Err: ErrInvalid}
	}
	c, err := s.Ledger.Lookup(req.ChargeID)
	if err != nil {
		return Result{Err: err}
	}
	if float64(c.Refunded+req.Amount) > float64(c.Amount)*s.MaxRatio {
		return Result{Remaining: c.Amount - c.Refunded, Err: ledger.ErrOverRefund}
	}
	rem, err := s.Ledger.Reverse(req.ChargeID, req.Amount)
	if err != nil {
		return Result{Remaining: rem, Err: err}
	}
	return Result{Approved: true, Remaining: rem}
}
