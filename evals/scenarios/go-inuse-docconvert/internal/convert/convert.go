// Package convert renders a small Markdown subset (headings, paragraphs, lists, code) to HTML.
package convert

import (
	"bytes"
	"html"
)

// HTML appends the HTML rendering of src to dst.
func HTML(dst, src []byte) []byte {
	inList, inCode := false, false
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		switch {
		case bytes.HasPrefix(line, []byte("```")):
			if inCode {
				dst = append(dst, "</code></pre>\n"...)
			} else {
				dst = append(dst, "<pre><code>"...)
			}
			inCode = !inCode
			continue
		case inCode:
			dst = append(dst, html.EscapeString(string(line))...)
			dst = append(dst, '\n')
			continue
		}
		if inList && !bytes.HasPrefix(line, []byte("- ")) {
			dst = append(dst, "</ul>\n"...)
			inList = false
		}
		switch {
		case len(line) == 0:
		case line[0] == '#':
			level := 0
			for level < len(line) && line[level] == '#' && level < 6 {
				level++
			}
			dst = append(dst, '<', 'h', byte('0'+level), '>')
			dst = append(dst, html.EscapeString(string(bytes.TrimSpace(line[level:])))...)
			dst = append(dst, '<', '/', 'h', byte('0'+level), '>', '\n')
		case bytes.HasPrefix(line, []byte("- ")):
			if !inList {
				dst = append(dst, "<ul>\n"...)
				inList = true
			}
			dst = append(dst, "<li>"...)
			dst = append(dst, html.EscapeString(string(line[2:]))...)
			dst = append(dst, "</li>\n"...)
		default:
			dst = append(dst, "<p>"...)
			dst = append(dst, html.EscapeString(string(line))...)
			dst = append(dst, "</p>\n"...)
		}
	}
	if inList {
		dst = append(dst, "</ul>\n"...)
	}
	if inCode {
		dst = append(dst, "</code></pre>\n"...)
	}
	return dst
}
