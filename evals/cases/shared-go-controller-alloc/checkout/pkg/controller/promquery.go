package controller

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/go-logr/logr"
	promapi "github.com/prometheus/client_golang/api"
	promv1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"

	"github.com/grafana/hosted-grafana/pkg/httpclient"
)

// PromQuerier asks Prometheus about the instances: their traffic (for the pause controller)
// and the feature toggles their users turned on (for the feature toggle controller).
type PromQuerier struct {
	api     promv1.API
	timeout time.Duration
	log     logr.Logger
}

// NewPromQuerier returns a querier of the Prometheus at address, through the controller's
// instrumented HTTP client.
func NewPromQuerier(address string, timeout time.Duration, log logr.Logger) (*PromQuerier, error) {
	client, err := promapi.NewClient(promapi.Config{
		Address:      address,
		RoundTripper: httpclient.NewInstrumentedTransport("prometheus", nil),
	})
	if err != nil {
		return nil, fmt.Errorf("prometheus client for %s: %w", address, err)
	}
	return &PromQuerier{api: promv1.NewAPI(client), timeout: timeout, log: log.WithName("prometheus")}, nil
}

// pauseQuery counts the requests of an instance's users over a window: the probes' and the
// controller's own requests (by their user agent) are not counted. An instance without
// series (paused: nothing to scrape) counts zero.
const pauseQuery = `sum by (handler) (
  increase(grafana_http_request_duration_seconds_count{instance_name=%q, user_agent!~"(kube-probe|hosted-grafana-controller).*"}[%s])
) or vector(0)`

// featureToggleQuery lists, per toggle, the instances where it is turned on.
const featureToggleQuery = `max by (name) (grafana_feature_toggles_info{instance_name=%q} == 1)`

// promDuration writes a duration the way PromQL reads one (whole minutes here).
func promDuration(d time.Duration) string {
	minutes := int(d.Minutes())
	if minutes < 1 {
		minutes = 1
	}
	return fmt.Sprintf("%dm", minutes)
}

// FeatureToggles is the toggles turned on in an instance, by name.
type FeatureToggles map[string]bool

// String lists the toggles, sorted, for logs.
func (t FeatureToggles) String() string {
	names := make([]string, 0, len(t))
	for name, on := range t {
		if on {
			names = append(names, name)
		}
	}
	return strings.Join(names, ",")
}

// Ready reports whether Prometheus answers: the controller waits for it before starting
// the controllers that need it (an instance must never be paused for want of an answer,
// and an unanswered query leaves it as it is).
func (q *PromQuerier) Ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, q.queryTimeout())
	defer cancel()
	if _, err := q.api.Buildinfo(ctx); err != nil {
		return fmt.Errorf("prometheus is not ready: %w", err)
	}
	return nil
}

// WaitReady calls Ready until it succeeds or ctx ends, every interval.
func (q *PromQuerier) WaitReady(ctx context.Context, interval time.Duration) error {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		err := q.Ready(ctx)
		if err == nil {
			return nil
		}
		q.log.Error(err, "waiting for prometheus")
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		}
	}
}

// changedToggles returns the toggles turned on or off between two answers, sorted.
func changedToggles(before, after FeatureToggles) []string {
	var changed []string
	for name, on := range after {
		if before[name] != on {
			changed = append(changed, name)
		}
	}
	for name, on := range before {
		if _, ok := after[name]; !ok && on {
			changed = append(changed, name)
		}
	}
	sort.Strings(changed)
	return changed
}

// getFeatureToggles returns the feature toggles turned on in an instance (an instance
// without the toggles metric has none).
func (q *PromQuerier) getFeatureToggles(ctx context.Context, instance string) (FeatureToggles, error) {
	vector, err := q.queryProm(ctx, fmt.Sprintf(featureToggleQuery, instance))
	if err != nil {
		return nil, err
	}
	toggles := make(FeatureToggles, len(vector))
	for _, sample := range vector {
		toggles[string(sample.Metric["name"])] = true
	}
	return toggles, nil
}

// getPauseMetrics returns the requests of an instance's users over the window, one sample
// per handler.
//
// The query names the instance by its instance_name label, which every Grafana instance's
// metrics carry from the scrape configuration; an instance renamed since its last scrape
// answers with its old series for as long as the window covers them.
func (q *PromQuerier) getPauseMetrics(ctx context.Context, instance string, window time.Duration) (model.Vector, error) {
	// The window is rounded to whole minutes: the counters are scraped every minute.
	query := fmt.Sprintf(pauseQuery, instance, promDuration(window))
	vector, err := q.queryProm(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("pause metrics of %s: %w", instance, err)
	}
	return vector, nil
}

// errNotVector is returned for an answer that is not an instant vector.
var errNotVector = fmt.Errorf("prometheus answered with something else than a vector")

// queryTimeout bounds every query, whatever the caller's context allows.
func (q *PromQuerier) queryTimeout() time.Duration {
	if q.timeout <= 0 {
		return 30 * time.Second
	}
	return q.timeout
}

// queryProm runs an instant query at the current time and returns its vector.
//
// The query is evaluated at the time of the call, not at the start of the reconcile: two
// instances of one full reconcile are asked about slightly different windows, which the
// minute rounding of the windows makes harmless.
//
// There is no retry here: a failed query leaves the instance as it is until the next
// reconcile.
//
// Each call is one HTTP request through the instrumented transport, and the answer is
// decoded in full (json-iterator into model values) before the vector is returned.
func (q *PromQuerier) queryProm(ctx context.Context, query string) (model.Vector, error) {
	ctx, cancel := context.WithTimeout(ctx, q.queryTimeout())
	defer cancel()
	// Warnings (a partial answer from a federated Prometheus, for instance) are logged,
	// not returned: the answer is still usable.
	//
	// A query that returns no series is an empty vector, not an error: the callers decide
	// what absence means.
	//
	result, warnings, err := q.api.Query(ctx, query, time.Now())
	if err != nil {
		return nil, err
	}
	if len(warnings) > 0 {
		q.log.Info("prometheus warnings", "query", query, "warnings", warnings)
	}
	vector, ok := result.(model.Vector)
	if !ok {
		return nil, fmt.Errorf("%w: %s", errNotVector, result.Type())
	}
	// The vector is logged at the most verbose level only: printing it formats every
	// sample of every series.
	if q.log.V(4).Enabled() {
		q.log.V(4).Info("query result", "query", query, "result", vector.String())
	}
	return vector, nil
}
