// Package export handles export requests from the portal.
package export

import (
	"fmt"

	"github.com/acme/reports/internal/config"
	"github.com/acme/reports/internal/datasource"
	"github.com/acme/reports/internal/layout"
)

// Request asks for the statement of an account and month.
type Request struct {
	Account int
	Month   string
}

// Exporter renders exports, bounding concurrent renders.
type Exporter struct {
	cfg    config.Config
	source *datasource.Source
	slots  chan struct{}
}

// New returns an exporter with cfg.
func New(cfg config.Config, src *datasource.Source) *Exporter {
	return &Exporter{cfg: cfg, source: src, slots: make(chan struct{}, cfg.MaxRenders)}
}

// Statement renders the statement export for req.
func (e *Exporter) Statement(req Request) (layout.Document, error) {
	e.slots <- struct{}{}
	defer func() { <-e.slots }()
	rows, err := e.source.Statement(req.Account, req.Month)
	if err != nil {
		return layout.Document{}, err
	}
	return layout.Render(fmt.Sprintf("Statement %d %s", req.Account, req.Month), rows, e.cfg.PageRows)
}
