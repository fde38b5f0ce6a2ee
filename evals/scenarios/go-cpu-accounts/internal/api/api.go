// Package api implements the account endpoints.
package api

import (
	"errors"

	"github.com/acme/accounts/internal/mapper"
	"github.com/acme/accounts/internal/model"
	"github.com/acme/accounts/internal/store"
)

// ErrNotFound is returned for unknown accounts.
var ErrNotFound = errors.New("api: account not found")

// Service serves account views.
type Service struct {
	Store *store.Store
}

// List returns one page of account summaries.
func (s *Service) List(offset, limit int) []model.Summary {
	recs := s.Store.Page(offset, limit)
	out := make([]model.Summary, len(recs))
	for i, r := range recs {
		mapper.Copy(&out[i], r)
	}
	return out
}

// Get returns the detail view of one account.
func (s *Service) Get(id int64) (model.Detail, error) {
	r, ok := s.Store.Get(id)
	if !ok {
		return model.Detail{}, ErrNotFound
	}
	var d model.Detail
	mapper.Copy(&d, r)
	return d, nil
}
