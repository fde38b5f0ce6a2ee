// Package server is the ad request endpoint.
package server

import (
	"encoding/hex"

	"github.com/acme/adserve/internal/auction"
	"github.com/acme/adserve/internal/campaigns"
	"github.com/acme/adserve/internal/randsrc"
	"github.com/acme/adserve/internal/variants"
)

// Slot is one ad slot on the page.
type Slot struct {
	Name          string
	Width, Height int
}

// Request is one page view asking for its slots.
type Request struct {
	Site, Section, Country string
	Slots                  []Slot
}

// Fill is the creative chosen for a slot.
type Fill struct {
	Slot       string
	Creative   string
	Impression string
}

// Response is what the page receives.
type Response struct {
	Fills       []Fill
	Experiments map[string]string
}

// Server answers ad requests.
type Server struct {
	Book   *campaigns.Book
	Rand   *randsrc.Source
	Fanout int
}

// Serve fills the request's slots.
func (s *Server) Serve(req *Request) Response {
	resp := Response{Experiments: variants.Assign(s.Rand)}
	for _, slot := range req.Slots {
		eligible := s.Book.Eligible(req.Section, req.Country, slot.Width, slot.Height)
		cr, ok := auction.Pick(s.Rand, eligible, s.Fanout)
		if !ok {
			continue
		}
		var id [16]byte
		s.Rand.Read(id[:])
		resp.Fills = append(resp.Fills, Fill{Slot: slot.Name, Creative: cr.ID, Impression: hex.EncodeToString(id[:])})
	}
	return resp
}
