// Package etag computes entity tags for asset responses.
package etag

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Strong returns the strong entity tag of content.
func Strong(content []byte) string {
	sum := sha256.Sum256(content)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// Matches reports whether an If-None-Match header value matches tag.
func Matches(header, tag string) bool {
	if header == "*" {
		return true
	}
	for _, part := range strings.Split(header, ",") {
		part = strings.TrimSpace(part)
		part = strings.TrimPrefix(part, "W/")
		if part == tag {
			return true
		}
	}
	return false
}
