// Package gateway matches requests to upstream routes.
package gateway

import (
	"errors"
	"hash/fnv"
	"strings"
	"time"

	"github.com/acme/apigw/internal/latency"
)

// ErrNoRoute is returned when no route matches the path.
var ErrNoRoute = errors.New("no route")

// Route is an upstream mapping.
type Route struct {
	Name     string
	Prefix   string
	Upstream []string
	Strip    []string // request headers removed before forwarding
}

// Request is an incoming request.
type Request struct {
	Method  string
	Path    string
	Headers map[string]string
}

// Gateway forwards requests to the upstream of the matching route.
type Gateway struct {
	Routes []Route
	Stats  *latency.Recorder
}

// Handle picks the route and upstream for req, applies the header policy
// and records the request's latency.
func (g *Gateway) Handle(req Request, upstreamTime time.Duration) (string, error) {
	start := time.Now()
	rt, ok := g.match(req.Path)
	if !ok {
		return "", ErrNoRoute
	}
	for _, h := range rt.Strip {
		delete(req.Headers, h)
	}
	h := fnv.New32a()
	h.Write([]byte(req.Headers["X-Client-Id"]))
	upstream := rt.Upstream[int(h.Sum32())%len(rt.Upstream)]
	g.Stats.Observe(rt.Name, time.Since(start)+upstreamTime)
	return upstream, nil
}

func (g *Gateway) match(path string) (Route, bool) {
	best := -1
	for i, r := range g.Routes {
		if strings.HasPrefix(path, r.Prefix) && (best < 0 || len(r.Prefix) > len(g.Routes[best].Prefix)) {
			best = i
		}
	}
	if best < 0 {
		return Route{}, false
	}
	return g.Routes[best], true
}
