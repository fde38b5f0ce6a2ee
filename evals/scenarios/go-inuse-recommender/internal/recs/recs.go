// Package recs computes and renders the recommendation strip of a session.
package recs

import (
	"sort"
	"strconv"
	"sync"

	"github.com/acme/recommender/internal/catalog"
)

// Engine renders recommendation strips.
type Engine struct {
	Catalog *catalog.Catalog
	Size    int

	mu     sync.Mutex
	strips map[string][]byte // session id -> rendered strip, so page refreshes are instant
}

// NewEngine returns an engine for c showing size products per strip.
func NewEngine(c *catalog.Catalog, size int) *Engine {
	return &Engine{Catalog: c, Size: size, strips: make(map[string][]byte)}
}

// Strip returns the rendered strip for the session, which has viewed the given products.
func (e *Engine) Strip(session string, viewed []int) []byte {
	e.mu.Lock()
	strip, ok := e.strips[session]
	e.mu.Unlock()
	if ok {
		return strip
	}
	strip = e.render(e.pick(viewed))
	e.mu.Lock()
	e.strips[session] = strip
	e.mu.Unlock()
	return strip
}

// Sessions returns the number of sessions with a rendered strip.
func (e *Engine) Sessions() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.strips)
}

func (e *Engine) pick(viewed []int) []int {
	score := map[int]int{}
	for _, v := range viewed {
		for _, n := range e.Catalog.Products[v].Neighbors {
			score[n]++
		}
	}
	for _, v := range viewed {
		delete(score, v)
	}
	ids := make([]int, 0, len(score))
	for id := range score {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if score[ids[i]] != score[ids[j]] {
			return score[ids[i]] > score[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > e.Size {
		ids = ids[:e.Size]
	}
	return ids
}

func (e *Engine) render(ids []int) []byte {
	out := make([]byte, 0, 4096)
	out = append(out, `{"items":[`...)
	for i, id := range ids {
		p := &e.Catalog.Products[id]
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"id":`...)
		out = strconv.AppendInt(out, int64(p.ID), 10)
		out = append(out, `,"title":`...)
		out = strconv.AppendQuote(out, p.Title)
		out = append(out, `,"price_cents":`...)
		out = strconv.AppendInt(out, p.PriceCent, 10)
		out = append(out, `,"image":`...)
		out = strconv.AppendQuote(out, p.Image)
		out = append(out, `,"href":"/p/`...)
		out = strconv.AppendInt(out, int64(p.ID), 10)
		out = append(out, `"}`...)
	}
	return append(out, "]}"...)
}
