// Package verify runs the onboarding checks of a sign-up.
package verify

import (
	"strings"

	"github.com/acme/kyc/internal/idprovider"
)

// maxInFlight limits concurrent calls to the identity provider (its contract allows 50).
const maxInFlight = 2

// Application is one sign-up to check.
type Application struct {
	Name     string
	Country  string
	Document []byte
}

// Decision is the outcome of the checks.
type Decision struct {
	Approved bool
	Reason   string
}

// Verifier runs the checks.
type Verifier struct {
	provider  *idprovider.Client
	sanctions map[string]bool
	inflight  chan struct{}
}

// New returns a verifier using the provider and the sanctions list.
func New(p *idprovider.Client, sanctioned []string) *Verifier {
	v := &Verifier{provider: p, sanctions: make(map[string]bool), inflight: make(chan struct{}, maxInFlight)}
	for _, n := range sanctioned {
		v.sanctions[strings.ToLower(n)] = true
	}
	return v
}

// Check verifies the applicant's document and screens the name.
func (v *Verifier) Check(app Application) (Decision, error) {
	if v.sanctions[strings.ToLower(app.Name)] {
		return Decision{Reason: "sanctions match"}, nil
	}
	res, err := v.verifyDocument(app.Document)
	if err != nil {
		return Decision{}, err
	}
	if !res.Authentic || res.Score < 20 {
		return Decision{Reason: "document rejected"}, nil
	}
	return Decision{Approved: true}, nil
}

// verifyDocument calls the provider, at most maxInFlight calls at a time.
func (v *Verifier) verifyDocument(image []byte) (idprovider.Result, error) {
	v.inflight <- struct{}{}
	defer func() { <-v.inflight }()
	return v.provider.VerifyDocument(image)
}
