// Package render renders e-mails from events.
package render

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/acme/mailer/internal/events"
	"github.com/acme/mailer/internal/templates"
)

// Message is a rendered e-mail.
type Message struct {
	To      string
	Subject string
	HTML    []byte
}

var funcs = template.FuncMap{
	"cents": func(c int64) string { return fmt.Sprintf("%d.%02d EUR", c/100, c%100) },
	"mul":   func(q int, c int64) int64 { return int64(q) * c },
	"total": func(items []events.Item) int64 {
		var t int64
		for _, it := range items {
			t += int64(it.Qty) * it.UnitCents
		}
		return t
	},
}

// Renderer renders events with the templates of templates.Sources.
type Renderer struct{}

// Render renders the e-mail for ev.
func (r *Renderer) Render(ev events.Event) (Message, error) {
	src, ok := templates.Sources[ev.Kind]
	if !ok {
		return Message{}, fmt.Errorf("render: no template for %q", ev.Kind)
	}
	t, err := template.New(ev.Kind).Funcs(funcs).Parse(src)
	if err != nil {
		return Message{}, err
	}
	var subject, body bytes.Buffer
	if err := t.ExecuteTemplate(&subject, "subject", ev); err != nil {
		return Message{}, err
	}
	if err := t.ExecuteTemplate(&body, "layout", ev); err != nil {
		return Message{}, err
	}
	return Message{To: ev.To, Subject: subject.String(), HTML: body.Bytes()}, nil
}
