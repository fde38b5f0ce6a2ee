// Package notices renders dunning e-mails.
package notices

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/acme/dunning/internal/accounts"
)

// View is what the layout sees.
type View struct {
	Company  string
	Contact  string
	Locale   string
	Plan     string
	Stage    int
	Invoices []accounts.Invoice
	Total    int64
	Currency string
	Deadline time.Time
}

// Renderer turns overdue accounts into e-mail bodies.
type Renderer struct {
	Grace time.Duration
	funcs template.FuncMap
}

// NewRenderer returns a renderer with the given grace period before escalation.
func NewRenderer(grace time.Duration) *Renderer {
	return &Renderer{Grace: grace, funcs: template.FuncMap{
		"date":  formatDate,
		"money": formatMoney,
	}}
}

// Render returns the subject and body of the reminder for one account.
func (r *Renderer) Render(a *accounts.Account, now time.Time) (string, []byte, error) {
	v := View{
		Company:  a.Company,
		Contact:  a.Contact,
		Locale:   a.Locale,
		Plan:     a.Plan,
		Stage:    a.Stage,
		Invoices: a.Invoices,
		Total:    a.Total(),
		Deadline: now.Add(r.Grace),
	}
	if len(a.Invoices) > 0 {
		v.Currency = a.Invoices[0].Currency
	}
	t, err := template.New("notice").Funcs(r.funcs).Parse(layout)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	buf.Grow(1024)
	if err := t.ExecuteTemplate(&buf, "body", v); err != nil {
		return "", nil, err
	}
	return subjects[a.Stage], buf.Bytes(), nil
}

func formatDate(t time.Time) string {
	return t.Format("2006-01-02")
}

func formatMoney(minor int64, currency string) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	whole := fmt.Sprint(minor / 100)
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return fmt.Sprintf("%s%s.%02d %s", sign, b.String(), minor%100, currency)
}
