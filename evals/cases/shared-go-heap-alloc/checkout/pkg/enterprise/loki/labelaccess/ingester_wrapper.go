package labelaccess

import (
	"context"

	"github.com/grafana/loki/pkg/ingester"
	"github.com/grafana/loki/pkg/logproto"
)

// WrappedIngester filters what an ingester answers by the label policies of the request.
type WrappedIngester struct {
	*ingester.Ingester
}

// NewWrappedIngester wraps an ingester so that its read calls honour the label policies.
func NewWrappedIngester(i *ingester.Ingester) *WrappedIngester {
	return &WrappedIngester{Ingester: i}
}

// filterLabelResponse drops the label values the request's policies do not allow.
func filterLabelResponse(policies LabelPolicySet, resp *logproto.LabelResponse) *logproto.LabelResponse {
	if len(policies) == 0 || resp == nil {
		return resp
	}
	allowed := resp.Values[:0]
	for _, value := range resp.Values {
		if valueAllowed(policies, value) {
			allowed = append(allowed, value)
		}
	}
	resp.Values = allowed
	return resp
}

// Label answers a label names or values request, then keeps what the policies allow. The
// ingester itself reads its in-memory index; only the answer is filtered here.
func (w *WrappedIngester) Label(ctx context.Context, req *logproto.LabelRequest) (*logproto.LabelResponse, error) {
	policies, _ := ExtractLabelPolicies(ctx)
	resp, err := w.Ingester.Label(ctx, req)
	if err != nil {
		return nil, err
	}
	return filterLabelResponse(policies, resp), nil
}

// valueAllowed reports whether some policy's selector admits the value.
func valueAllowed(policies LabelPolicySet, value string) bool {
	for _, tenantPolicies := range policies {
		for _, policy := range tenantPolicies {
			for _, matcher := range policy.Selector {
				if matcher.Matches(value) {
					return true
				}
			}
		}
	}
	return false
}
