// Package schedule holds the clinics' appointments.
package schedule

import (
	"fmt"
	"math/rand"
	"time"
)

// Appointment is one booked slot.
type Appointment struct {
	ID        string
	Clinic    string
	Room      string
	Clinician string
	Patient   string // initials only in feeds
	Kind      string
	Start     time.Time
	End       time.Time
	Notes     string
	Cancelled bool
}

// Book is every clinic's schedule.
type Book struct {
	byClinic map[string][]Appointment
}

var kinds = []string{"check-up", "follow-up", "vaccination", "physiotherapy", "consultation"}

// Generate books perClinic appointments for each of the clinics.
func Generate(clinics []string, perClinic int, seed int64) *Book {
	r := rand.New(rand.NewSource(seed))
	b := &Book{byClinic: make(map[string][]Appointment)}
	day := time.Date(2026, 1, 12, 8, 0, 0, 0, time.UTC)
	for _, c := range clinics {
		list := make([]Appointment, perClinic)
		for i := range list {
			start := day.Add(time.Duration(i/16)*24*time.Hour + time.Duration(i%16)*30*time.Minute)
			list[i] = Appointment{
				ID: fmt.Sprintf("%s-%06d", c, i), Clinic: c, Room: fmt.Sprintf("R%d", 1+r.Intn(6)),
				Clinician: fmt.Sprintf("Dr. Staff%02d", r.Intn(30)), Patient: fmt.Sprintf("%c.%c.", 'A'+r.Intn(26), 'A'+r.Intn(26)),
				Kind: kinds[r.Intn(len(kinds))], Start: start, End: start.Add(25 * time.Minute),
				Notes: "bring referral letter; parking at rear entrance", Cancelled: r.Intn(20) == 0,
			}
		}
		b.byClinic[c] = list
	}
	return b
}

// Window returns the clinic's appointments starting in [from, to).
func (b *Book) Window(clinic string, from, to time.Time) []Appointment {
	var out []Appointment
	for _, a := range b.byClinic[clinic] {
		if !a.Start.Before(from) && a.Start.Before(to) {
			out = append(out, a)
		}
	}
	return out
}
