// Package render renders feed pages.
package render

import (
	"strconv"

	"github.com/acme/timeline/internal/posts"
)

// Page appends the compact wire form of a feed page to buf.
func Page(buf []byte, items []posts.Post) []byte {
	for _, p := range items {
		buf = strconv.AppendInt(buf, p.ID, 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(p.Author), 10)
		buf = append(buf, ' ')
		buf = append(buf, p.Title...)
		buf = append(buf, '\n')
	}
	return buf
}
