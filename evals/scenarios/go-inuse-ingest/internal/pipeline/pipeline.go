// Package pipeline processes log chunks.
package pipeline

import (
	"bytes"
	"sync"

	"github.com/acme/ingest/internal/logline"
	"github.com/acme/ingest/internal/recent"
)

// Pipeline counts lines per service and level and remembers recent errors.
type Pipeline struct {
	Recent *recent.Errors

	mu     sync.Mutex
	counts map[string]map[string]int64
	lines  int64
}

var errLevel = []byte("ERROR")

// Process handles one chunk of complete lines.
func (p *Pipeline) Process(chunk []byte) {
	local := map[string]map[string]int64{}
	var n int64
	for len(chunk) > 0 {
		line, rest, _ := bytes.Cut(chunk, []byte{'\n'})
		chunk = rest
		e, ok := logline.Parse(line)
		if !ok {
			continue
		}
		n++
		m := local[string(e.Service)]
		if m == nil {
			m = map[string]int64{}
			local[string(e.Service)] = m
		}
		m[string(e.Level)]++
		if bytes.Equal(e.Level, errLevel) {
			p.Recent.Add(e.Service, e.Time, e.Message)
		}
	}
	p.merge(local, n)
}

func (p *Pipeline) merge(local map[string]map[string]int64, n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.counts == nil {
		p.counts = map[string]map[string]int64{}
	}
	for svc, m := range local {
		dst := p.counts[svc]
		if dst == nil {
			dst = map[string]int64{}
			p.counts[svc] = dst
		}
		for lvl, c := range m {
			dst[lvl] += c
		}
	}
	p.lines += n
}

// Lines returns the number of processed lines.
func (p *Pipeline) Lines() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lines
}
