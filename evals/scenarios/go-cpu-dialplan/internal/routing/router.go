// Package routing selects the carrier trunk for a call.
package routing

import (
	"errors"
	"strconv"
	"strings"

	"github.com/acme/dialplan/internal/plan"
)

// ErrNoRoute is returned when no route of the plan matches the number.
var ErrNoRoute = errors.New("no route for number")

// Route is the trunk chosen for a call.
type Route struct {
	Prefix   string
	Carrier  string
	Trunk    string
	Rate     float64
	Priority int
	Mobile   bool
	CLI      bool
}

// Router answers route queries against the current dial plan.
type Router struct {
	Plans *plan.Store
}

// Select returns the route for an E.164 number without the leading '+':
// the longest matching prefix, ties broken by the lower priority value.
func (r *Router) Select(number string) (Route, error) {
	p := r.Plans.Current()
	if p == nil {
		return Route{}, ErrNoRoute
	}
	return lookup(p.Text, number)
}

func lookup(text, number string) (Route, error) {
	var best Route
	found := false
	for _, line := range strings.Split(text, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 5 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if !strings.HasPrefix(number, fields[0]) {
			continue
		}
		rate, err := strconv.ParseFloat(fields[3], 64)
		if err != nil {
			continue
		}
		prio, err := strconv.Atoi(fields[4])
		if err != nil {
			continue
		}
		cand := Route{Prefix: fields[0], Carrier: fields[1], Trunk: fields[2], Rate: rate, Priority: prio}
		for _, f := range fields[5:] {
			switch f {
			case "mobile":
				cand.Mobile = true
			case "cli-required":
				cand.CLI = true
			}
		}
		if !found || len(cand.Prefix) > len(best.Prefix) ||
			(len(cand.Prefix) == len(best.Prefix) && cand.Priority < best.Priority) {
			best, found = cand, true
		}
	}
	if !found {
		return Route{}, ErrNoRoute
	}
	return best, nil
}
