package rules

import (
	"fmt"
	"math/rand"
)

// The rule templates the onboarding wizard offers; tenants keep most of them and add their own.
var templates = []Rule{
	{Header: "Subject", Op: Contains, Value: "Verify Your Password", Action: Quarantine, Weight: 8},
	{Header: "Subject", Op: Prefix, Value: "[ALERT]", Action: Route, Folder: "Alerts"},
	{Header: "Subject", Op: Contains, Value: "Invoice", Action: Route, Folder: "Finance"},
	{Header: "From", Op: Contains, Value: "@Weekly-Digest.example", Action: Route, Folder: "Newsletters"},
	{Header: "FROM", Op: Contains, Value: "No-Reply@", Action: Tag, Weight: 1},
	{Header: "X-Mailer", Op: Prefix, Value: "PHPMailer", Action: Tag, Weight: 3},
	{Header: "x-mailer", Op: Contains, Value: "MailChimp", Action: Route, Folder: "Marketing"},
	{Header: "List-Unsubscribe", Op: Contains, Value: "Unsubscribe@", Action: Route, Folder: "Newsletters"},
	{Header: "Authentication-Results", Op: Contains, Value: "SPF=SoftFail", Action: Tag, Weight: 4},
	{Header: "Authentication-Results", Op: Contains, Value: "SPF=Fail", Action: Quarantine, Weight: 9},
	{Header: "X-Spam-Score", Op: Prefix, Value: "9.", Action: Quarantine, Weight: 10},
	{Header: "X-Spam-Score", Op: Prefix, Value: "8.", Action: Tag, Weight: 5},
	{Header: "Received", Op: Contains, Value: "Internal-Gateway.Corp.example", Action: Tag, Weight: -2},
	{Header: "Content-Type", Op: Contains, Value: "Multipart/Mixed", Action: Tag, Weight: 1},
	{Header: "Return-Path", Op: Suffix, Value: "@Partner.example>", Action: Route, Folder: "Partners"},
	{Header: "To", Op: Contains, Value: "User1@", Action: Tag},
	{Header: "Subject", Op: Contains, Value: "Quarterly Planning", Action: Route, Folder: "Planning"},
	{Header: "DKIM-Signature", Op: Contains, Value: "d=Partner.example", Action: Tag, Weight: -1},
	{Header: "Subject", Op: Equals, Value: "Test", Action: Drop, Stop: true},
}

// Synthetic returns the rule sets of n tenants: the templates plus tenant-specific sender and
// subject rules, the way real tenants accumulate them.
func Synthetic(names []string, extra int, seed int64) map[string]*Set {
	r := rand.New(rand.NewSource(seed))
	out := make(map[string]*Set, len(names))
	headers := []string{"Subject", "From", "To", "Received", "X-Mailer", "Return-Path"}
	for _, name := range names {
		s := &Set{Tenant: name}
		for i, t := range templates {
			if r.Intn(10) == 0 {
				continue
			}
			t.ID = fmt.Sprintf("%s-tpl-%02d", name, i)
			s.Rules = append(s.Rules, t)
		}
		for i := 0; i < extra; i++ {
			s.Rules = append(s.Rules, Rule{
				ID:     fmt.Sprintf("%s-own-%03d", name, i),
				Header: headers[r.Intn(len(headers))],
				Op:     Op(r.Intn(4)),
				Value:  fmt.Sprintf("Keyword-%d", r.Intn(5000)),
				Action: []Action{Tag, Route, Quarantine}[r.Intn(3)],
				Folder: fmt.Sprintf("Folder%d", r.Intn(12)),
				Weight: r.Intn(5),
			})
		}
		out[name] = s
	}
	return out
}
