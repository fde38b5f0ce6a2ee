// Package report builds the findings report returned to the forwarder.
package report

import (
	"sort"
	"strconv"
	"strings"

	"github.com/acme/manifests/internal/manifest"
	"github.com/acme/manifests/internal/rules"
)

// Entry is one finding as the forwarder's portal shows it.
type Entry struct {
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// Report is the answer to one upload.
type Report struct {
	Voyage   string  `json:"voyage"`
	Packages int     `json:"packages"`
	Errors   int     `json:"errors"`
	Warnings int     `json:"warnings"`
	Fileable bool    `json:"fileable"`
	Entries  []Entry `json:"entries"`
}

// Build turns the rule findings into report entries with editor positions, in file order.
func Build(m *manifest.Manifest, findings []rules.Finding) Report {
	r := Report{Voyage: m.Voyage, Packages: len(m.Lines), Entries: make([]Entry, 0, len(findings))}
	for _, f := range findings {
		pos := manifest.PositionOf(m.Source, f.Offset)
		sev := "warning"
		if f.Severity == rules.Error {
			sev = "error"
			r.Errors++
		} else {
			r.Warnings++
		}
		r.Entries = append(r.Entries, Entry{pos.Line, pos.Column, sev, f.Code, f.Message})
	}
	sort.SliceStable(r.Entries, func(i, j int) bool {
		a, b := r.Entries[i], r.Entries[j]
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	r.Fileable = r.Errors == 0
	return r
}

// Text renders the report the way the clerk's e-mail shows it.
func Text(r Report) string {
	var b strings.Builder
	b.WriteString(r.Voyage)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(r.Errors))
	b.WriteString(" errors, ")
	b.WriteString(strconv.Itoa(r.Warnings))
	b.WriteString(" warnings\n")
	for _, e := range r.Entries {
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Column))
		b.WriteString(" ")
		b.WriteString(e.Severity)
		b.WriteString(" ")
		b.WriteString(e.Code)
		b.WriteString(" ")
		b.WriteString(e.Message)
		b.WriteByte('\n')
	}
	return b.String()
}
