// Package message holds parsed inbound messages.
package message

import (
	"fmt"
	"math/rand"
	"strings"
)

// Header is one header field as it arrived (name case preserved).
type Header struct {
	Name  string
	Value string
}

// Message is an inbound message after header parsing; the body is not needed for filtering.
type Message struct {
	ID       string
	Tenant   string
	Envelope string // MAIL FROM
	Headers  []Header
	Size     int
}

// Get returns the first header with the given canonical name.
func (m *Message) Get(name string) (string, bool) {
	for _, h := range m.Headers {
		if h.Name == name {
			return h.Value, true
		}
	}
	return "", false
}

var senders = []string{"Billing Team <billing@Northwind.example>", "\"Sales\" <sales@Contoso.example>",
	"Alerts <No-Reply@Monitoring.example>", "Jane Doe <Jane.Doe@Partner.example>",
	"Newsletter <News@Weekly-Digest.example>", "HR <People@Acme.example>"}

var subjects = []string{"Invoice %d for your account is now available",
	"RE: Quarterly Planning Review - Action Items #%d",
	"[ALERT] Disk usage above 90%% on host web-%d",
	"Your Weekly Digest: Top Stories Number %d",
	"URGENT: Verify Your Password Within 24 Hours (ref %d)",
	"Meeting Notes From Thursday Standup %d"}

var mailers = []string{"Microsoft Outlook 16.0", "Apple Mail (2.3731)", "Mozilla Thunderbird 115.4",
	"PHPMailer 6.8.0 (https://github.com/PHPMailer/PHPMailer)", "MailChimp Mailer - **CID1234**"}

// Generator makes a reproducible synthetic inbound stream.
type Generator struct {
	r   *rand.Rand
	seq int
}

// NewGenerator returns a generator seeded with seed.
func NewGenerator(seed int64) *Generator {
	return &Generator{r: rand.New(rand.NewSource(seed))}
}

// Next returns the next message.
func (g *Generator) Next(tenants []string) *Message {
	g.seq++
	r := g.r
	from := senders[r.Intn(len(senders))]
	m := &Message{
		ID:       fmt.Sprintf("<%08x.%d@mx%d.Mail.example>", r.Uint32(), g.seq, r.Intn(4)),
		Tenant:   tenants[r.Intn(len(tenants))],
		Envelope: strings.Trim(from[strings.IndexByte(from, '<'):], "<>"),
		Size:     2000 + r.Intn(90000),
	}
	m.Headers = append(m.Headers,
		Header{"Return-Path", "<" + m.Envelope + ">"},
		Header{"Received", fmt.Sprintf("from Relay%d.Outbound.example (Relay%d.Outbound.example [192.0.2.%d]) by MX%d.Mail.example with ESMTPS id %X", r.Intn(9), r.Intn(9), r.Intn(250), r.Intn(4), r.Uint64())},
		Header{"Received", fmt.Sprintf("from Internal-Gateway.Corp.example by Relay%d.Outbound.example with ESMTP id %X; Tue, 14 Jan 2026 09:%02d:%02d +0000", r.Intn(9), r.Uint64(), r.Intn(60), r.Intn(60))},
		Header{"From", from},
		Header{"To", fmt.Sprintf("User%d <User%d@%s.example>", r.Intn(500), r.Intn(500), m.Tenant)},
		Header{"Subject", fmt.Sprintf(subjects[r.Intn(len(subjects))], r.Intn(100000))},
		Header{"Date", "Tue, 14 Jan 2026 09:15:00 +0000"},
		Header{"Message-ID", m.ID},
		Header{"MIME-Version", "1.0"},
		Header{"Content-Type", "multipart/alternative; boundary=\"----=_Part_" + fmt.Sprint(r.Int63()) + "\""},
		Header{"X-Mailer", mailers[r.Intn(len(mailers))]},
		Header{"DKIM-Signature", fmt.Sprintf("v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s.example; s=Selector%d; h=From:To:Subject:Date; bh=%X; b=%X%X%X", m.Tenant, r.Intn(3), r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64())},
		Header{"Authentication-Results", fmt.Sprintf("MX%d.Mail.example; SPF=%s smtp.mailfrom=%s; DKIM=pass header.d=Partner.example", r.Intn(4), []string{"Pass", "SoftFail", "None"}[r.Intn(3)], m.Envelope)},
		Header{"List-Unsubscribe", "<mailto:Unsubscribe@Weekly-Digest.example?subject=Unsubscribe>"},
		Header{"X-Spam-Score", fmt.Sprintf("%d.%d", r.Intn(10), r.Intn(10))},
	)
	return m
}
