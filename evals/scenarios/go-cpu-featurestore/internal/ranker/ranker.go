// Package ranker scores candidate items for a user.
package ranker

import (
	"sort"

	"github.com/acme/featurestore/internal/features"
)

// Source looks up an item's feature vector.
type Source interface {
	Get(item uint32, v *features.Vector) (bool, error)
}

// Request asks for the best Limit of Candidates for a user embedding.
type Request struct {
	User       features.Vector
	Candidates []uint32
	Limit      int
}

// Scored is one ranked candidate.
type Scored struct {
	Item  uint32
	Score float32
}

// Ranker ranks candidates against the feature store.
type Ranker struct {
	src      Source
	minFresh int64
	scratch  []Scored
}

// New returns a ranker over src that ignores records older than minFresh.
func New(src Source, minFresh int64) *Ranker {
	return &Ranker{src: src, minFresh: minFresh}
}

// Rank returns the top candidates of req, best first. The result is only valid until the
// next call.
func (r *Ranker) Rank(req *Request) ([]Scored, error) {
	out := r.scratch[:0]
	var v features.Vector
	for _, item := range req.Candidates {
		ok, err := r.src.Get(item, &v)
		if err != nil {
			return nil, err
		}
		if !ok || v.Version < r.minFresh {
			continue
		}
		out = append(out, Scored{Item: item, Score: features.Dot(&req.User, &v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > req.Limit {
		out = out[:req.Limit]
	}
	r.scratch = out
	return out, nil
}
