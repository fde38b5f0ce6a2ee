// Package headers normalises and filters request headers.
package headers

import (
	"bytes"
	"strings"
)

// Head is a parsed request head.
type Head struct {
	RequestLine []byte
	Host        []byte
	Out         []byte // normalised header block to forward
}

// Normalizer lower-cases header names and drops hop-by-hop and internal headers.
type Normalizer struct {
	Drop map[string]bool
}

// Normalize parses raw and returns the head to forward, reusing out's storage.
func (n *Normalizer) Normalize(raw []byte, out []byte) Head {
	var h Head
	out = out[:0]
	first := true
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '\n')
		if i < 0 {
			break
		}
		line := strings.TrimRight(string(raw[:i]), "\r")
		raw = raw[i+1:]
		if line == "" {
			break
		}
		if first {
			h.RequestLine = []byte(line)
			first = false
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		name = strings.ToLower(strings.TrimSpace(name))
		value = strings.TrimSpace(value)
		if n.Drop[name] {
			continue
		}
		if name == "host" {
			h.Host = []byte(value)
		}
		out = append(out, []byte(name+": "+value+"\r\n")...)
	}
	h.Out = out
	return h
}
