// Package event is the clickstream event model.
package event

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Event is one page view or click.
type Event struct {
	Kind      string            `json:"kind"`
	Visitor   string            `json:"visitor"`
	URL       string            `json:"url"`
	Referrer  string            `json:"referrer,omitempty"`
	UserAgent string            `json:"-"`
	At        time.Time         `json:"at"`
	Props     map[string]string `json:"props,omitempty"`
	Device    string            `json:"device"`
	Browser   string            `json:"browser"`
	Path      string            `json:"path"`
	VisitorID string            `json:"visitor_id"`
}

// Enrich fills the derived fields: device class, browser, URL path and the pseudonymous
// visitor id (the raw visitor cookie never leaves the collector).
func Enrich(e *Event, salt string) {
	ua := strings.ToLower(e.UserAgent)
	switch {
	case strings.Contains(ua, "ipad"), strings.Contains(ua, "tablet"):
		e.Device = "tablet"
	case strings.Contains(ua, "mobile"), strings.Contains(ua, "android"), strings.Contains(ua, "iphone"):
		e.Device = "mobile"
	default:
		e.Device = "desktop"
	}
	for _, b := range []string{"edg/", "firefox/", "chrome/", "safari/"} {
		if strings.Contains(ua, b) {
			e.Browser = strings.TrimSuffix(b, "/")
			break
		}
	}
	e.Path = e.URL
	if i := strings.Index(e.Path, "://"); i >= 0 {
		e.Path = e.Path[i+3:]
		if j := strings.IndexByte(e.Path, '/'); j >= 0 {
			e.Path = e.Path[j:]
		}
	}
	if i := strings.IndexByte(e.Path, '?'); i >= 0 {
		e.Path = e.Path[:i]
	}
	sum := sha256.Sum256([]byte(salt + e.Visitor))
	for i := 0; i < 64; i++ { // key stretching so ids cannot be reversed from a cookie list
		sum = sha256.Sum256(sum[:])
	}
	e.VisitorID = hex.EncodeToString(sum[:12])
}
