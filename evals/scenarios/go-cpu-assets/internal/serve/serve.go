// Package serve answers asset requests.
package serve

import (
	"time"

	"github.com/acme/assets/internal/blobstore"
	"github.com/acme/assets/internal/etag"
)

// Request is the part of an HTTP request the asset handler uses.
type Request struct {
	Path        string
	IfNoneMatch string
}

// Response is the handler's answer.
type Response struct {
	Status  int
	Headers map[string]string
	Body    []byte
}

// Handler serves assets from a store.
type Handler struct {
	Store  *blobstore.Store
	MaxAge time.Duration
}

// Serve answers one request.
func (h *Handler) Serve(req Request) Response {
	b, ok := h.Store.Get(req.Path)
	if !ok {
		return Response{Status: 404}
	}
	tag := etag.Strong(b.Data)
	headers := map[string]string{
		"ETag":          tag,
		"Cache-Control": "public, max-age=" + itoa(int(h.MaxAge.Seconds())),
		"Last-Modified": b.Modified.Format(time.RFC1123),
	}
	if req.IfNoneMatch != "" && etag.Matches(req.IfNoneMatch, tag) {
		return Response{Status: 304, Headers: headers}
	}
	headers["Content-Type"] = b.ContentType
	return Response{Status: 200, Headers: headers, Body: b.Data}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
