// Package forward hands rewritten request heads to backends.
package forward

import "hash/fnv"

// Forwarder counts what it forwards per backend.
type Forwarder struct {
	Requests map[string]int
	Bytes    int64
}

// Hash returns the request hash used for backend selection.
func Hash(requestLine []byte) uint32 {
	h := fnv.New32a()
	h.Write(requestLine)
	return h.Sum32()
}

// Send forwards one head to backend.
func (f *Forwarder) Send(backend string, requestLine, headers []byte) {
	if f.Requests == nil {
		f.Requests = map[string]int{}
	}
	f.Requests[backend]++
	f.Bytes += int64(len(requestLine) + len(headers) + 4)
}
