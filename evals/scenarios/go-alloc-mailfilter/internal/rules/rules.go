// Package rules evaluates a tenant's header rules against inbound messages.
package rules

import (
	"strings"

	"github.com/acme/mailfilter/internal/message"
)

// Op is how a rule compares a header value.
type Op int

const (
	Contains Op = iota
	Equals
	Prefix
	Suffix
)

// Action is what happens to a message that matches.
type Action string

const (
	Tag        Action = "tag"
	Quarantine Action = "quarantine"
	Route      Action = "route"
	Drop       Action = "drop"
)

// Rule is one tenant-configured rule, as the admin console stored it. Header names and
// values are compared case-insensitively, as RFC 5322 requires for names and as admins expect
// for values.
type Rule struct {
	ID     string
	Header string
	Op     Op
	Value  string
	Action Action
	Folder string
	Weight int
	Stop   bool // stop evaluating after a match
}

// Match is one rule that fired.
type Match struct {
	Rule   *Rule
	Header string
}

// Set is the ordered rule set of one tenant.
type Set struct {
	Tenant string
	Rules  []Rule
}

// Evaluate runs every rule over the message's headers and returns the rules that fired, in
// rule order. A rule with Stop ends the evaluation.
func (s *Set) Evaluate(m *message.Message, into []Match) []Match {
	into = into[:0]
	for i := range s.Rules {
		r := &s.Rules[i]
		for _, h := range m.Headers {
			if r.matches(h) {
				into = append(into, Match{Rule: r, Header: h.Name})
				break
			}
		}
		if r.Stop && len(into) > 0 && into[len(into)-1].Rule == r {
			break
		}
	}
	return into
}

// matches reports whether the rule applies to one header field.
func (r *Rule) matches(h message.Header) bool {
	if strings.ToLower(h.Name) != strings.ToLower(r.Header) {
		return false
	}
	value, want := strings.ToLower(h.Value), strings.ToLower(r.Value)
	switch r.Op {
	case Equals:
		return value == want
	case Prefix:
		return strings.HasPrefix(value, want)
	case Suffix:
		return strings.HasSuffix(value, want)
	default:
		return strings.Contains(value, want)
	}
}
