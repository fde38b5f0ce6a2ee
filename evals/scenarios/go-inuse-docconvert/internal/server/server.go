// Package server handles conversion requests.
package server

import (
	"errors"
	"io"
	"log"

	"github.com/acme/docconvert/internal/convert"
	"github.com/acme/docconvert/internal/lifecycle"
	"github.com/acme/docconvert/internal/spool"
	"github.com/acme/docconvert/internal/wire"
)

// Server converts the documents of its connections.
type Server struct {
	Spool *spool.Spool
}

// Serve handles the requests of one connection until it ends and returns how many it converted.
func (s *Server) Serve(conn io.Reader) (int, error) {
	var out []byte
	n := 0
	for {
		req, err := wire.ReadRequest(conn)
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		// A shutdown during the conversion must not leave a partial result in the spool.
		lifecycle.OnShutdown(func() {
			log.Printf("discarding result of request %d (%d bytes of source)", req.ID, len(req.Body))
			s.Spool.Discard(req.ID)
		})
		out = convert.HTML(out[:0], req.Body)
		if req.Format == 2 {
			out = append(out, "</body></html>\n"...)
		}
		s.Spool.Put(req.ID, out)
		n++
	}
}
