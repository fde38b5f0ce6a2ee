// Package respond encodes API responses for the client that asked.
package respond

import (
	"bytes"
	"compress/gzip"
	"strings"
)

// Response is an encoded response body with its headers.
type Response struct {
	ContentType     string
	ContentEncoding string
	Body            []byte
}

// JSON returns the response for a JSON document, gzip-encoded when the client accepts it.
func JSON(doc []byte, acceptEncoding string) (Response, error) {
	resp := Response{ContentType: "application/json", Body: doc}
	if !acceptsGzip(acceptEncoding) {
		return resp, nil
	}
	body, err := gzipBody(doc)
	if err != nil {
		return Response{}, err
	}
	resp.ContentEncoding, resp.Body = "gzip", body
	return resp, nil
}

// gzipBody returns doc compressed as a gzip stream.
func gzipBody(doc []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(doc); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		if name, _, _ := strings.Cut(strings.TrimSpace(part), ";"); name == "gzip" {
			return true
		}
	}
	return false
}
