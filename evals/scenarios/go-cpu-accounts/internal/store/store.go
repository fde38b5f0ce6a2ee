// Package store keeps account records.
package store

import (
	"fmt"
	"math/rand"
	"sort"
	"time"

	"github.com/acme/accounts/internal/model"
)

// Store holds records by id.
type Store struct {
	byID map[int64]*model.Record
	ids  []int64
}

var (
	countries = []string{"DE", "FR", "NL", "US", "GB", "ES", "IT", "PL"}
	plans     = []string{"free", "plus", "pro", "business"}
)

// Generate returns a store with n synthetic accounts.
func Generate(n int, seed int64) *Store {
	r := rand.New(rand.NewSource(seed))
	s := &Store{byID: make(map[int64]*model.Record, n)}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		id := int64(100000 + i)
		c := countries[r.Intn(len(countries))]
		rec := &model.Record{
			ID: id, Email: fmt.Sprintf("user%d@example.com", id), DisplayName: fmt.Sprintf("User %d", id),
			GivenName: "Alex", FamilyName: fmt.Sprintf("Doe-%d", i%977), Country: c, Locale: "en-" + c,
			Timezone: "Europe/Berlin", Plan: plans[r.Intn(len(plans))], Status: "active",
			CreatedAt: base.Add(time.Duration(r.Intn(700*24)) * time.Hour), UpdatedAt: base,
			LastLogin: base.Add(time.Duration(r.Intn(700*24)) * time.Hour), LoginCount: r.Intn(2000),
			Verified: r.Intn(10) > 1, MFAEnabled: r.Intn(3) == 0, CreditCents: int64(r.Intn(100000)),
			PasswordRef: fmt.Sprintf("vault:%x", r.Int63()), RiskScore: r.Float64(),
		}
		s.byID[id] = rec
		s.ids = append(s.ids, id)
	}
	sort.Slice(s.ids, func(i, j int) bool { return s.ids[i] < s.ids[j] })
	return s
}

// Get returns the record of id.
func (s *Store) Get(id int64) (*model.Record, bool) {
	r, ok := s.byID[id]
	return r, ok
}

// Page returns up to limit records starting at offset, in id order.
func (s *Store) Page(offset, limit int) []*model.Record {
	if offset >= len(s.ids) {
		return nil
	}
	end := offset + limit
	if end > len(s.ids) {
		end = len(s.ids)
	}
	out := make([]*model.Record, 0, end-offset)
	for _, id := range s.ids[offset:end] {
		out = append(out, s.byID[id])
	}
	return out
}

// Len returns the number of accounts.
func (s *Store) Len() int { return len(s.ids) }
