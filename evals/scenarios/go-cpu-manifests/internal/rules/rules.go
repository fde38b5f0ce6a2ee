// Package rules holds the customs filing rules for manifest lines.
package rules

import (
	"strconv"
	"strings"

	"github.com/acme/manifests/internal/manifest"
)

// Severity of a finding: errors block the filing, warnings are shown to the clerk.
type Severity int

const (
	Warning Severity = iota
	Error
)

// Finding is one rule hit at a byte offset of the upload.
type Finding struct {
	Offset   int
	Severity Severity
	Code     string
	Message  string
}

// vague descriptions customs sends back for clarification
var vague = []string{"goods", "parts", "samples", "gift", "various", "general cargo", "merchandise"}

// Check runs every rule over every package line.
func Check(m *manifest.Manifest, countries map[string]bool) []Finding {
	var out []Finding
	seen := make(map[string]int, len(m.Lines))
	for _, ln := range m.Lines {
		if ln.Short {
			out = append(out, Finding{ln.Offset, Error, "M001", "line has fewer than 6 fields"})
			continue
		}
		f := ln.Fields
		if prev, dup := seen[f[manifest.HouseBill].Value]; dup && prev != ln.Offset {
			out = append(out, Finding{f[manifest.HouseBill].Offset, Warning, "M010", "house bill repeated on another line"})
		}
		seen[f[manifest.HouseBill].Value] = ln.Offset
		out = checkHS(out, f[manifest.HSCode])
		out = checkDescription(out, f[manifest.Description])
		out = checkWeight(out, f[manifest.Weight])
		if !countries[f[manifest.Origin].Value] {
			out = append(out, Finding{f[manifest.Origin].Offset, Error, "M040", "origin is not an ISO 3166 alpha-2 code"})
		}
		if strings.TrimSpace(f[manifest.Consignee].Value) == "" {
			out = append(out, Finding{f[manifest.Consignee].Offset, Error, "M050", "consignee missing"})
		}
	}
	return out
}

func checkHS(out []Finding, f manifest.Field) []Finding {
	code := strings.ReplaceAll(f.Value, ".", "")
	if len(code) < 6 {
		return append(out, Finding{f.Offset, Error, "M020", "HS code needs at least 6 digits"})
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return append(out, Finding{f.Offset, Error, "M021", "HS code must be digits"})
		}
	}
	if len(code) < 8 {
		out = append(out, Finding{f.Offset, Warning, "M022", "8-digit tariff subheading recommended"})
	}
	return out
}

func checkDescription(out []Finding, f manifest.Field) []Finding {
	d := strings.ToLower(strings.TrimSpace(f.Value))
	if len(d) < 12 {
		out = append(out, Finding{f.Offset, Warning, "M030", "description too short for customs"})
	}
	for _, v := range vague {
		if d == v || strings.HasPrefix(d, v+" ") {
			return append(out, Finding{f.Offset, Warning, "M031", "vague description: " + v})
		}
	}
	return out
}

func checkWeight(out []Finding, f manifest.Field) []Finding {
	v := strings.TrimSpace(f.Value)
	if !strings.HasSuffix(v, "kg") {
		return append(out, Finding{f.Offset, Warning, "M041", "weight should be given in kg"})
	}
	kg, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(v, "kg")), 64)
	if err != nil || kg <= 0 {
		return append(out, Finding{f.Offset, Error, "M042", "weight is not a positive number"})
	}
	return out
}
