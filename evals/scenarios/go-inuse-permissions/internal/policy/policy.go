// Package policy evaluates role policies.
package policy

import (
	"strings"

	"github.com/acme/permissions/internal/request"
)

// Rule grants Actions on resources with Prefix to Role.
type Rule struct {
	Role    string
	Actions []string
	Prefix  string
}

// Policy is an ordered list of rules.
type Policy struct {
	Rules []Rule
}

// Decision is the outcome of one evaluation.
type Decision struct {
	Allow bool
	Rule  int // index of the matching rule, -1 if none
}

// Evaluate returns the decision for r.
func (p *Policy) Evaluate(r *request.Request) Decision {
	for i, rule := range p.Rules {
		if !hasRole(r.Roles, rule.Role) || !strings.HasPrefix(r.Resource, rule.Prefix) {
			continue
		}
		for _, a := range rule.Actions {
			if a == r.Action || a == "*" {
				return Decision{Allow: true, Rule: i}
			}
		}
	}
	return Decision{Allow: false, Rule: -1}
}

func hasRole(roles []string, role string) bool {
	for _, r := range roles {
		if r == role {
			return true
		}
	}
	return false
}
