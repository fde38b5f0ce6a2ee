// Package payload renders scheduler notifications into the handsets' wire frame.
package payload

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
)

// Notification is what the scheduler asks to send.
type Notification struct {
	Kind     string // job.assigned, job.changed, job.cancelled, parts.ready
	JobID    string
	Title    string
	Body     string
	Site     string
	Priority int
	Attach   []Attachment
}

// Attachment is a small inline document (site plan thumbnail, parts list, safety sheet).
type Attachment struct {
	Name string
	Data []byte
}

// ErrTooLarge is returned for notifications above the link's frame limit.
var ErrTooLarge = errors.New("payload: frame above the 256 KiB link limit")

const maxFrame = 256 << 10

var greetings = map[string]string{
	"en-GB": "New work", "de-DE": "Neuer Auftrag", "fr-FR": "Nouvelle mission",
	"nl-NL": "Nieuwe opdracht", "pl-PL": "Nowe zlecenie",
}

// Render builds the frame for one device: a header, the localised text and the attachments.
func Render(n *Notification, locale, firmware string) ([]byte, error) {
	title := n.Title
	if g, ok := greetings[locale]; ok && n.Kind == "job.assigned" {
		title = g + ": " + title
	}
	body := n.Body
	if strings.HasPrefix(firmware, "4.0.") {
		// Old firmware cannot show more than 512 characters of text.
		if len(body) > 512 {
			body = body[:512]
		}
	}
	size := 16 + len(n.Kind) + len(n.JobID) + len(title) + len(body) + len(n.Site) + 4*8
	for _, a := range n.Attach {
		size += 8 + len(a.Name) + len(a.Data)
	}
	if size > maxFrame {
		return nil, ErrTooLarge
	}
	frame := make([]byte, 0, size)
	frame = append(frame, 'D', 'P', 1, byte(n.Priority))
	frame = binary.BigEndian.AppendUint32(frame, uint32(size))
	for _, s := range []string{n.Kind, n.JobID, title, body, n.Site} {
		frame = binary.AppendUvarint(frame, uint64(len(s)))
		frame = append(frame, s...)
	}
	frame = binary.AppendUvarint(frame, uint64(len(n.Attach)))
	for _, a := range n.Attach {
		frame = binary.AppendUvarint(frame, uint64(len(a.Name)))
		frame = append(frame, a.Name...)
		frame = binary.AppendUvarint(frame, uint64(len(a.Data)))
		frame = append(frame, a.Data...)
	}
	frame = binary.BigEndian.AppendUint32(frame, crc32.ChecksumIEEE(frame))
	return frame, nil
}
