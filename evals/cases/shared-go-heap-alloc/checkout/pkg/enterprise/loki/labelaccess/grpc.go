// Package labelaccess enforces label-based access control (LBAC): the gateway attaches the
// label policies of the caller's access policy to each request, and every read path filters
// the streams it returns by them.
package labelaccess

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/grafana/loki/pkg/logql/syntax"
	"github.com/pkg/errors"
	"github.com/prometheus/prometheus/model/labels"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

// HTTPHeaderKey carries the policies from the gateway to the backends; over gRPC the same
// key is a metadata key (gRPC lower-cases it).
const HTTPHeaderKey = "X-Prom-Label-Policy"

var grpcHeaderKey = strings.ToLower(HTTPHeaderKey)

// LabelPolicy is one access rule: a tenant may read the streams its selectors match.
type LabelPolicy struct {
	TenantID string
	Selector []*labels.Matcher
}

// LabelPolicySet is the policies of one request, per tenant.
type LabelPolicySet map[string][]*LabelPolicy

type policyContextKey struct{}

// InjectLabelPolicies returns a context carrying the request's policies for the read path.
func InjectLabelPolicies(ctx context.Context, policies LabelPolicySet) context.Context {
	return context.WithValue(ctx, policyContextKey{}, policies)
}

// ExtractLabelPolicies returns the policies a context carries, if any.
func ExtractLabelPolicies(ctx context.Context) (LabelPolicySet, bool) {
	policies, ok := ctx.Value(policyContextKey{}).(LabelPolicySet)
	return policies, ok
}

// parsePolicy reads one "tenant:selector" value (the selector URL-encoded).
func parsePolicy(value string) (*LabelPolicy, error) {
	tenant, encoded, ok := strings.Cut(value, ":")
	if !ok {
		return nil, fmt.Errorf("label policy %q has no tenant", value)
	}
	selector, err := url.PathUnescape(encoded)
	if err != nil {
		return nil, errors.Wrapf(err, "label policy of tenant %s", tenant)
	}
	matchers, err := syntax.ParseMatchers(selector)
	if err != nil {
		return nil, errors.Wrapf(err, "label policy of tenant %s", tenant)
	}
	return &LabelPolicy{TenantID: tenant, Selector: matchers}, nil
}

// extractFromGRPCRequest reads the policies the gateway attached to a gRPC request. A
// request without any (an internal call between components) is not restricted.
//
// Every call reads the whole incoming metadata: FromIncomingContext copies it, keys
// lower-cased, before the one key is looked up. It runs for every request, unary or stream,
// of every component behind the gateway.
//
// A malformed policy fails the request: passing it through unrestricted would widen the
// caller's access. Several values of the key are several policies, possibly of different
// tenants (a query across tenants); each tenant keeps the union of its policies' selectors,
// which the read path ORs.
func extractFromGRPCRequest(ctx context.Context) (LabelPolicySet, error) {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return nil, nil
	}
	values := md.Get(grpcHeaderKey)
	if len(values) == 0 {
		return nil, nil
	}
	policies := make(LabelPolicySet, len(values))
	for _, value := range values {
		policy, err := parsePolicy(value)
		if err != nil {
			return nil, err
		}
		policies[policy.TenantID] = append(policies[policy.TenantID], policy)
	}
	return policies, nil
}

// wrappedServerStream carries the policies into a streaming handler's context.
type wrappedServerStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s wrappedServerStream) Context() context.Context { return s.ctx }

// ServerLBACInterceptor reads the label policies of a unary request and hands them to the
// handler in its context. It is the last interceptor of the chain: what the request costs
// below it (push, chunk and index lookups) is the handler's.
//
// Requests without policies go through unchanged. The interceptor chain is built once, in
// the module setup (see the server options), and runs on ingesters and queriers alike: the
// push path of an ingester passes through here as well as every query, although only the
// read path filters by the policies.
//
// The policies travel in the context rather than in the request, so that the handlers
// generated for the Loki services need no change.
func ServerLBACInterceptor(ctx context.Context, req interface{}, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (interface{}, error) {
	policies, err := extractFromGRPCRequest(ctx)
	if err != nil {
		return nil, err
	}
	ctx = InjectLabelPolicies(ctx, policies)
	return handler(ctx, req)
}

// StreamServerLBACInterceptor is ServerLBACInterceptor for streaming calls (queries, tail).
func StreamServerLBACInterceptor(srv interface{}, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	policies, err := extractFromGRPCRequest(ss.Context())
	if err != nil {
		return err
	}
	ctx := InjectLabelPolicies(ss.Context(), policies)
	return handler(srv, wrappedServerStream{ServerStream: ss, ctx: ctx})
}
