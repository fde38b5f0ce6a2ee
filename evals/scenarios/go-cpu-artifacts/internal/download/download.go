// Package download serves artifact downloads, whole or by byte range.
package download

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/acme/artifacts/internal/store"
)

// ErrRange is returned for an unsatisfiable Range header.
var ErrRange = errors.New("range not satisfiable")

// Response is what the handler writes back.
type Response struct {
	Status  int
	Headers map[string]string
	Body    []byte
}

// Handler answers GET /v2/<name>/blobs/<version> requests.
type Handler struct {
	Store *store.Store
}

// Serve returns the artifact, or the part of it the Range header asks for.
func (h *Handler) Serve(name, version, rangeHeader string) (Response, error) {
	o, data, err := h.Store.Get(name, version)
	if err != nil {
		return Response{}, err
	}
	headers := map[string]string{
		"Content-Type":          contentType(name),
		"Docker-Content-Digest": o.Digest,
		"ETag":                  `"` + o.Digest + `"`,
		"Accept-Ranges":         "bytes",
	}
	if rangeHeader == "" {
		headers["Content-Length"] = strconv.Itoa(len(data))
		return Response{Status: 200, Headers: headers, Body: data}, nil
	}
	start, end, err := parseRange(rangeHeader, len(data))
	if err != nil {
		return Response{Status: 416, Headers: headers}, err
	}
	headers["Content-Range"] = fmt.Sprintf("bytes %d-%d/%d", start, end, len(data))
	headers["Content-Length"] = strconv.Itoa(end - start + 1)
	return Response{Status: 206, Headers: headers, Body: data[start : end+1]}, nil
}

// parseRange parses a single "bytes=a-b" range (b optional).
func parseRange(h string, size int) (int, int, error) {
	if !strings.HasPrefix(h, "bytes=") {
		return 0, 0, ErrRange
	}
	spec := strings.TrimPrefix(h, "bytes=")
	if strings.Contains(spec, ",") {
		return 0, 0, ErrRange
	}
	a, b, _ := strings.Cut(spec, "-")
	start, err := strconv.Atoi(a)
	if err != nil || start >= size {
		return 0, 0, ErrRange
	}
	end := size - 1
	if b != "" {
		if end, err = strconv.Atoi(b); err != nil || end < start {
			return 0, 0, ErrRange
		}
		if end >= size {
			end = size - 1
		}
	}
	return start, end, nil
}

func contentType(name string) string {
	switch {
	case strings.HasSuffix(name, ".tar.gz"), strings.HasSuffix(name, ".tgz"):
		return "application/gzip"
	case strings.HasPrefix(name, "layers/"):
		return "application/vnd.oci.image.layer.v1.tar+gzip"
	default:
		return "application/octet-stream"
	}
}
