// Package api serves the job board to the dashboard and the CLI.
package api

import (
	"bytes"
	"compress/flate"
	"io"
	"net/url"

	"github.com/acme/jobboard/internal/board"
)

// Response is a rendered status response.
type Response struct {
	Status int
	Header map[string]string
	Body   []byte
}

// Server renders status requests.
type Server struct {
	Board *board.Board
	buf   bytes.Buffer
}

// Status handles GET /v1/status?owner=...; the dashboard polls it every few seconds per tab.
func (s *Server) Status(query string, acceptDeflate bool) Response {
	q, err := url.ParseQuery(query)
	if err != nil {
		return Response{Status: 400}
	}
	s.buf.Reset()
	if err := s.Board.WriteStatus(&s.buf, q.Get("owner")); err != nil {
		return Response{Status: 500}
	}
	body := s.buf.Bytes()
	h := map[string]string{"Content-Type": "application/json"}
	if acceptDeflate && len(body) > 8<<10 {
		var z bytes.Buffer
		fw, _ := flate.NewWriter(&z, flate.BestSpeed)
		_, _ = io.Copy(fw, bytes.NewReader(body))
		_ = fw.Close()
		body = z.Bytes()
		h["Content-Encoding"] = "deflate"
	}
	return Response{Status: 200, Header: h, Body: body}
}
