// Package ical renders appointment lists as iCalendar (RFC 5545) feeds.
package ical

import (
	"strings"
	"time"

	"github.com/acme/calfeed/internal/schedule"
)

const stamp = "20060102T150405Z"

// Feed renders one clinic's feed.
type Feed struct {
	ProdID string
	Name   string
}

// Render returns the VCALENDAR document for the appointments.
func (f *Feed) Render(appts []schedule.Appointment, now time.Time) string {
	doc := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + f.ProdID + "\r\n"
	doc += "X-WR-CALNAME:" + escape(f.Name) + "\r\nCALSCALE:GREGORIAN\r\n"
	for _, a := range appts {
		doc += event(a, now)
	}
	doc += "END:VCALENDAR\r\n"
	return doc
}

func event(a schedule.Appointment, now time.Time) string {
	var b strings.Builder
	b.WriteString("BEGIN:VEVENT\r\nUID:")
	b.WriteString(a.ID)
	b.WriteString("@calfeed.acme.example\r\nDTSTAMP:")
	b.WriteString(now.UTC().Format(stamp))
	b.WriteString("\r\nDTSTART:")
	b.WriteString(a.Start.UTC().Format(stamp))
	b.WriteString("\r\nDTEND:")
	b.WriteString(a.End.UTC().Format(stamp))
	b.WriteString("\r\nSUMMARY:")
	b.WriteString(escape(a.Kind + " - " + a.Patient))
	b.WriteString("\r\nLOCATION:")
	b.WriteString(escape(a.Clinic + ", room " + a.Room))
	b.WriteString("\r\nDESCRIPTION:")
	b.WriteString(escape(a.Clinician + ": " + a.Notes))
	if a.Cancelled {
		b.WriteString("\r\nSTATUS:CANCELLED")
	} else {
		b.WriteString("\r\nSTATUS:CONFIRMED")
	}
	b.WriteString("\r\nEND:VEVENT\r\n")
	return b.String()
}

var escaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)

func escape(s string) string { return escaper.Replace(s) }
