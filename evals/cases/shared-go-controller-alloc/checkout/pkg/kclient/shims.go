// Package kclient wraps the typed Kubernetes clients the controllers use: every call is
// retried on conflicts and transient errors, counted and timed, so that the controllers'
// code stays about what they do.
package kclient

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	typedappsv1 "k8s.io/client-go/kubernetes/typed/apps/v1"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/util/retry"
)

var callDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
	Namespace: "hosted_grafana_controller",
	Name:      "kubernetes_call_duration_seconds",
	Help:      "Time spent on calls of the Kubernetes API, by resource and verb.",
	Buckets:   prometheus.DefBuckets,
}, []string{"resource", "verb", "outcome"})

// observe records a call's duration under its resource, verb and outcome.
func observe(resource, verb string, start time.Time, err error) {
	outcome := "ok"
	if err != nil {
		outcome = string(apierrors.ReasonForError(err))
	}
	callDuration.WithLabelValues(resource, verb, outcome).Observe(time.Since(start).Seconds())
}

// IsNotFound reports whether an error says the object does not exist.
func IsNotFound(err error) bool { return apierrors.IsNotFound(err) }

// transient reports whether a call is worth retrying: the API server was busy or timed
// out, or the connection broke.
func transient(err error) bool {
	return apierrors.IsServerTimeout(err) || apierrors.IsTooManyRequests(err) ||
		apierrors.IsTimeout(err) || apierrors.IsInternalError(err)
}

// backoff is how reads are retried: five tries over about three seconds.
var backoff = wait.Backoff{Steps: 5, Duration: 100 * time.Millisecond, Factor: 2, Jitter: 0.1}

// Deployments is what the controllers do with deployments.
type Deployments interface {
	Get(ctx context.Context, name string, options metav1.GetOptions) (*appsv1.Deployment, error)
	Update(ctx context.Context, deployment *appsv1.Deployment, options metav1.UpdateOptions) (*appsv1.Deployment, error)
}

// NewDeploymentsShim wraps the deployments client of one namespace.
func NewDeploymentsShim(client typedappsv1.DeploymentInterface) Deployments {
	return &deploymentsShim{client: client}
}

type deploymentsShim struct {
	client typedappsv1.DeploymentInterface
}

// Get reads a deployment from the API server, retrying transient errors. It is a read
// from the API server each time, not from an informer's cache: the controllers that call
// it need the deployment as it is now.
//
// A deployment that does not exist is returned as the API's not-found error, unretried.
//
// The answer is decoded in full, the deployment's spec, status and managed fields
// included: the controllers read a few fields of it, but a Get cannot ask for less
// (a partial object metadata request would only return the metadata).
func (s *deploymentsShim) Get(ctx context.Context, name string, options metav1.GetOptions) (*appsv1.Deployment, error) {
	start := time.Now()
	var deployment *appsv1.Deployment
	// Each try is one request through the instrumented transport.
	err := retry.OnError(backoff, transient, func() error {
		var err error
		deployment, err = s.client.Get(ctx, name, options)
		return err
	})
	observe("deployments", "get", start, err)
	return deployment, err
}

// Update writes a deployment, retrying on conflicts: the controllers change only the
// replicas and their own annotations, so a conflict is re-applied on the fresh object.
func (s *deploymentsShim) Update(ctx context.Context, deployment *appsv1.Deployment, options metav1.UpdateOptions) (*appsv1.Deployment, error) {
	start := time.Now()
	want := deployment
	var updated *appsv1.Deployment
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		var err error
		updated, err = s.client.Update(ctx, want, options)
		if !apierrors.IsConflict(err) {
			return err
		}
		fresh, getErr := s.client.Get(ctx, deployment.Name, metav1.GetOptions{})
		if getErr != nil {
			return getErr
		}
		fresh.Spec.Replicas = deployment.Spec.Replicas
		fresh.Annotations = deployment.Annotations
		want = fresh
		return err
	})
	observe("deployments", "update", start, err)
	return updated, err
}

// Pods is what the controllers do with pods (the feature toggle controller lists the pods
// of an instance to restart them).
type Pods interface {
	List(ctx context.Context, options metav1.ListOptions) (*corev1.PodList, error)
}

// NewPodsShim wraps the pods client of one namespace.
func NewPodsShim(client typedcorev1.PodInterface) Pods {
	return &podsShim{client: client}
}

type podsShim struct {
	client typedcorev1.PodInterface
}

// List lists pods from the API server, retrying transient errors. Like Get, it reads from
// the API server, not from an informer's cache, and decodes every pod it returns.
func (s *podsShim) List(ctx context.Context, options metav1.ListOptions) (*corev1.PodList, error) {
	start := time.Now()
	var pods *corev1.PodList
	// A list with a label selector still reads every pod of the namespace on the server.
	err := retry.OnError(backoff, transient, func() error {
		var err error
		pods, err = s.client.List(ctx, options)
		return err
	})
	observe("pods", "list", start, err)
	return pods, err
}
