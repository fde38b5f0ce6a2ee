// Package rules holds the relabel rules the relay applies to every series.
package rules

import (
	"bufio"
	"fmt"
	"regexp"
	"strings"
)

// Action is what a rule does with a series whose name matches.
type Action int

// Rule actions.
const (
	Keep Action = iota
	Drop
	Rename
)

func (a Action) String() string {
	return [...]string{"keep", "drop", "rename"}[a]
}

// Rule is one relabel rule: a name pattern (matched against the whole name, as the
// upstream relabel configuration does) and what to do with a match.
type Rule struct {
	Pattern string
	Action  Action
	Target  string // new name for Rename
	Owner   string // team that asked for the rule
	re      *regexp.Regexp
}

// Set is an ordered rule list; the first matching rule decides.
type Set struct {
	rules []Rule
}

// Parse reads rules, one per line: ACTION PATTERN [TARGET] [# owner].
func Parse(text string) (*Set, error) {
	s := &Set{}
	sc := bufio.NewScanner(strings.NewReader(text))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		owner := ""
		if i := strings.Index(line, "#"); i >= 0 {
			owner = strings.TrimSpace(line[i+1:])
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want ACTION PATTERN", n)
		}
		r := Rule{Pattern: f[1], Owner: owner}
		switch f[0] {
		case "keep":
			r.Action = Keep
		case "drop":
			r.Action = Drop
		case "rename":
			if len(f) < 3 {
				return nil, fmt.Errorf("line %d: rename needs a target", n)
			}
			r.Action, r.Target = Rename, f[2]
		default:
			return nil, fmt.Errorf("line %d: unknown action %q", n, f[0])
		}
		re, err := regexp.Compile("^(?:" + r.Pattern + ")$")
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		r.re = re
		s.rules = append(s.rules, r)
	}
	return s, sc.Err()
}

// Len returns the number of rules.
func (s *Set) Len() int { return len(s.rules) }

// Decide returns the action for a series name and, for Rename, the new name.
// Names no rule matches are kept.
func (s *Set) Decide(name string) (Action, string) {
	for i := range s.rules {
		r := &s.rules[i]
		if r.re.MatchString(name) {
			if r.Action == Rename {
				return Rename, r.re.ReplaceAllString(name, r.Target)
			}
			return r.Action, ""
		}
	}
	return Keep, ""
}
