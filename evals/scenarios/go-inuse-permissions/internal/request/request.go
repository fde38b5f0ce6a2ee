// Package request defines access requests.
package request

import "strconv"

// Request asks whether Subject may perform Action on Resource.
type Request struct {
	ID       uint64
	Subject  string
	Roles    []string
	Action   string
	Resource string
	Attrs    map[string]string
	AtMs     int64
}

// AppendContext appends the request context in the audit wire format to b.
func (r *Request) AppendContext(b []byte) []byte {
	b = append(b, "id="...)
	b = strconv.AppendUint(b, r.ID, 10)
	b = append(b, " subject="...)
	b = append(b, r.Subject...)
	b = append(b, " roles="...)
	for i, role := range r.Roles {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, role...)
	}
	b = append(b, " action="...)
	b = append(b, r.Action...)
	b = append(b, " resource="...)
	b = append(b, r.Resource...)
	for k, v := range r.Attrs {
		b = append(b, ' ')
		b = append(b, k...)
		b = append(b, '=')
		b = strconv.AppendQuote(b, v)
	}
	return b
}
