package labelaccess

import (
	"context"

	"github.com/grafana/loki/pkg/storage"
	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
)

// StoreWrapper filters the store's label answers by the label policies of the request.
type StoreWrapper struct {
	storage.Store
}

// NewStoreWrapper wraps a store so that its label lookups honour the label policies.
func NewStoreWrapper(store storage.Store) *StoreWrapper {
	return &StoreWrapper{Store: store}
}

// LabelValuesForMetricName returns the values of a label in the chunks of the time range,
// keeping only those the request's policies allow.
//
// The lookup itself is the store's (index queries, then the chunk cache); a policy adds its
// selectors to the matchers, so the store reads no more than the caller may see.
func (s *StoreWrapper) LabelValuesForMetricName(ctx context.Context, userID string, from, through model.Time, metricName string, labelName string, matchers ...*labels.Matcher) ([]string, error) {
	policies, _ := ExtractLabelPolicies(ctx)
	for _, policy := range policies[userID] {
		matchers = append(matchers, policy.Selector...)
	}
	// An empty policy set adds no matcher: the answer is the store's as it is, and the
	// call costs the same as without the wrapper.
	values, err := s.Store.LabelValuesForMetricName(ctx, userID, from, through, metricName, labelName, matchers...)
	if err != nil {
		return nil, err
	}
	return values, nil
}
