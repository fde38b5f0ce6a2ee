// Package controller holds the reconcilers of the Hosted Grafana controller. The pause
// controller scales idle Grafana instances down to zero replicas and back up on demand.
package controller

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/go-logr/logr"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"github.com/grafana/hosted-grafana/pkg/kclient"
)

const (
	// pausedAnnotation marks a deployment scaled down by the pause controller, with the
	// replica count to restore.
	pausedAnnotation = "hosted-grafana.grafana.net/paused-replicas"
	// restoredAnnotation is when a paused deployment was last restored (RFC 3339).
	restoredAnnotation = "hosted-grafana.grafana.net/restored-at"
	// instanceLabel is the label every Grafana instance's deployment carries.
	instanceLabel = "hosted-grafana.grafana.net/instance"
	// fullReconcileInterval is how often every instance is looked at, whatever happened.
	fullReconcileInterval = 5 * time.Minute
)

// PauseController scales idle instances to zero and restores them when they are used.
type PauseController struct {
	client      kubernetes.Interface
	deployments kclient.Deployments
	prom        *PromQuerier
	namespace   string
	idleAfter   time.Duration
	log         logr.Logger
}

// NewPauseController returns a pause controller for the instances of one namespace.
func NewPauseController(client kubernetes.Interface, prom *PromQuerier, namespace string, idleAfter time.Duration, log logr.Logger) *PauseController {
	return &PauseController{
		client:      client,
		deployments: kclient.NewDeploymentsShim(client.AppsV1().Deployments(namespace)),
		prom:        prom,
		namespace:   namespace,
		idleAfter:   idleAfter,
		log:         log.WithName("pause"),
	}
}

// SetupWithManager registers the controller for deployment events, and starts the loop
// that reconciles every instance every fullReconcileInterval.
func (c *PauseController) SetupWithManager(mgr ctrl.Manager) error {
	if err := ctrl.NewControllerManagedBy(mgr).For(&appsv1.Deployment{}).Complete(c); err != nil {
		return err
	}
	return mgr.Add(ctrlRunnable(func(ctx context.Context) error {
		ticker := time.NewTicker(fullReconcileInterval)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-ticker.C:
				if err := c.FullReconcile(ctx); err != nil {
					c.log.Error(err, "full reconcile")
				}
			}
		}
	}))
}

// ctrlRunnable lets a function run under the manager (started and stopped with it).
type ctrlRunnable func(context.Context) error

func (r ctrlRunnable) Start(ctx context.Context) error { return r(ctx) }

// FullReconcile looks at every instance of the namespace: it lists all the deployments,
// then reconciles each one as if it had just changed. Every call lists the whole
// namespace from the API server, not from the informer's cache the event-driven
// reconciles read: the list is decoded in full (every deployment, with its whole spec and
// status) each time, then thrown away.
func (c *PauseController) FullReconcile(ctx context.Context) error {
	start := time.Now()
	defer func() {
		fullReconcileDuration.Observe(time.Since(start).Seconds())
	}()
	ctx, cancel := context.WithTimeout(ctx, fullReconcileInterval)
	defer cancel()
	// Only the Grafana instances: the namespace also holds their databases, renderers and
	// the controller itself.
	selector := labels.SelectorFromSet(labels.Set{"app": "grafana"})
	list, err := c.client.AppsV1().Deployments(c.namespace).List(ctx, metav1.ListOptions{
		LabelSelector: selector.String(),
	})
	if err != nil {
		return fmt.Errorf("listing the deployments of %s: %w", c.namespace, err)
	}
	c.log.V(1).Info("full reconcile", "deployments", len(list.Items))
	paused := 0
	for i := range list.Items {
		if isPaused(&list.Items[i]) {
			paused++
		}
	}
	pausedInstances.Set(float64(paused))
	var failed int
	for i := range list.Items {
		deployment := &list.Items[i]
		if _, ok := deployment.Labels[instanceLabel]; !ok {
			continue
		}
		// Each instance is reconciled by name, one after another in the order of the
		// list: Reconcile reads the deployment again (from the API server) and asks
		// Prometheus about it. A failure is logged and counted; the others go on.
		request := reconcile.Request{NamespacedName: types.NamespacedName{Namespace: c.namespace, Name: deployment.Name}}
		if _, err := c.Reconcile(ctx, request); err != nil {
			failed++
			c.log.Error(err, "reconcile", "deployment", deployment.Name)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d instances failed to reconcile", failed, len(list.Items))
	}
	return nil
}

var (
	fullReconcileDuration = promauto.NewHistogram(prometheus.HistogramOpts{
		Namespace: "hosted_grafana_controller",
		Name:      "pause_full_reconcile_duration_seconds",
		Help:      "Time spent reconciling every instance of the namespace.",
		Buckets:   prometheus.ExponentialBuckets(1, 2, 10),
	})
	pausedInstances = promauto.NewGauge(prometheus.GaugeOpts{
		Namespace: "hosted_grafana_controller",
		Name:      "paused_instances",
		Help:      "Instances scaled down by the pause controller, at the last full reconcile.",
	})
	pauseQueries = promauto.NewCounter(prometheus.CounterOpts{
		Namespace: "hosted_grafana_controller",
		Name:      "pause_prometheus_queries_total",
		Help:      "Prometheus queries of the pause controller.",
	})
)

// Restore scales a paused instance back up: the proxy calls it when a request arrives for
// an instance that has no pods.
func (c *PauseController) Restore(ctx context.Context, name string) error {
	deployment, err := c.deployments.Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return err
	}
	if !isPaused(deployment) {
		return nil
	}
	replicas, err := strconv.Atoi(deployment.Annotations[pausedAnnotation])
	if err != nil || replicas < 1 {
		replicas = 1
	}
	deployment = deployment.DeepCopy()
	deployment.Annotations[restoredAnnotation] = time.Now().UTC().Format(time.RFC3339)
	c.log.Info("restoring", "deployment", name, "replicas", replicas)
	return c.scale(ctx, deployment, int32(replicas), "")
}

// Paused reports whether an instance is paused, for the proxy's status page.
func (c *PauseController) Paused(ctx context.Context, name string) (bool, error) {
	deployment, err := c.deployments.Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return false, err
	}
	return isPaused(deployment), nil
}

// Reconcile pauses an idle instance, or restores a paused one that is wanted again.
//
// It runs for every event of a Grafana deployment (through the manager's queue), and for
// every instance at each full reconcile.
func (c *PauseController) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
	log := c.log.WithValues("deployment", req.Name)
	reconciles.Inc()
	if req.Namespace != c.namespace {
		return reconcile.Result{}, nil
	}
	// The deployment is read from the API server (the shim adds the controller's retries
	// and metrics): a paused instance must be restored from the state it is in now, not
	// from a cached copy that may predate a manual change. A deployment that is gone needs
	// nothing; other errors go back to the manager, which requeues with backoff.
	//
	// Deployments that are not Grafana instances are none of this controller's business.
	// Neither are instances being deleted.
	//
	// The instance's plan and its last-restored time are in its annotations.
	deployment, err := c.deployments.Get(ctx, req.Name, metav1.GetOptions{})
	if err != nil {
		if kclient.IsNotFound(err) {
			return reconcile.Result{}, nil
		}
		return reconcile.Result{}, err
	}
	if _, ok := deployment.Labels[instanceLabel]; !ok {
		return reconcile.Result{}, nil
	}
	paused := isPaused(deployment)
	replicas := int32(1)
	if deployment.Spec.Replicas != nil {
		replicas = *deployment.Spec.Replicas
	}
	log.V(2).Info("reconcile", "paused", paused, "replicas", replicas)

	// A paused instance that was used since it was paused is restored. An active instance
	// that has been idle for longer than idleAfter is paused. The decision needs the
	// instance's traffic, which Prometheus has; the query is per instance.
	//
	// An instance restored by hand (replicas set without the annotation removed) is taken
	// as active: the annotation is cleared, and nothing else changes.
	if paused && replicas > 0 {
		delete(deployment.Annotations, pausedAnnotation)
		_, err := c.deployments.Update(ctx, deployment, metav1.UpdateOptions{})
		return reconcile.Result{}, err
	}
	// An instance restored less than idleAfter ago stays up whatever its traffic: the
	// user who woke it may not have made a request yet.
	if restored, err := time.Parse(time.RFC3339, deployment.Annotations[restoredAnnotation]); err == nil {
		if time.Since(restored) < c.idleAfter {
			return reconcile.Result{RequeueAfter: c.idleAfter - time.Since(restored)}, nil
		}
	}
	// A deployment in the middle of a rollout is left alone until it settles: scaling it
	// now would fight the rollout.
	if deployment.Status.ObservedGeneration < deployment.Generation {
		return reconcile.Result{RequeueAfter: 30 * time.Second}, nil
	}

	// The instance's last request decides; a Prometheus error leaves the instance as it
	// is (pausing an instance by mistake would be worse than leaving it running).
	pause, err := c.shouldPause(ctx, deployment)
	if err != nil {
		log.Error(err, "could not tell whether the instance is idle")
		return reconcile.Result{RequeueAfter: time.Minute}, nil
	}
	switch {
	case pause && !paused:
		return reconcile.Result{}, c.scale(ctx, deployment, 0, strconv.Itoa(int(replicas)))
	case !pause && paused:
		restore, _ := strconv.Atoi(deployment.Annotations[pausedAnnotation])
		return reconcile.Result{}, c.scale(ctx, deployment, int32(restore), "")
	}
	return reconcile.Result{}, nil
}

var reconciles = promauto.NewCounter(prometheus.CounterOpts{
	Namespace: "hosted_grafana_controller",
	Name:      "pause_reconciles_total",
	Help:      "Reconciles of the pause controller, from events and full reconciles.",
})

// isPaused reports whether the pause controller scaled the deployment down.
func isPaused(deployment *appsv1.Deployment) bool {
	_, ok := deployment.Annotations[pausedAnnotation]
	return ok
}

// scale sets the deployment's replicas, and its paused annotation (removed when empty).
func (c *PauseController) scale(ctx context.Context, deployment *appsv1.Deployment, replicas int32, annotation string) error {
	deployment = deployment.DeepCopy()
	deployment.Spec.Replicas = &replicas
	if deployment.Annotations == nil {
		deployment.Annotations = map[string]string{}
	}
	if annotation == "" {
		delete(deployment.Annotations, pausedAnnotation)
	} else {
		deployment.Annotations[pausedAnnotation] = annotation
	}
	_, err := c.deployments.Update(ctx, deployment, metav1.UpdateOptions{})
	return err
}

// shouldPause reports whether the instance has served no request for idleAfter, from the
// request counters Prometheus scraped from it.
func (c *PauseController) shouldPause(ctx context.Context, deployment *appsv1.Deployment) (bool, error) {
	instance := deployment.Labels[instanceLabel]
	// An instance created less than idleAfter ago has not had the chance to be used.
	if time.Since(deployment.CreationTimestamp.Time) < c.idleAfter {
		return false, nil
	}
	// Instances can opt out with an annotation (customers on plans that never pause).
	if deployment.Annotations["hosted-grafana.grafana.net/never-pause"] == "true" {
		return false, nil
	}
	// Instances of enterprise orgs, and instances that evaluate alert rules, are never
	// paused: their users expect them up whether anyone looks at them or not.
	if deployment.Labels["hosted-grafana.grafana.net/org-tier"] == "enterprise" {
		return false, nil
	}
	if deployment.Annotations["hosted-grafana.grafana.net/alerting"] == "enabled" {
		return false, nil
	}
	// Nor during the org's maintenance window, when the instance is being upgraded: the
	// upgrade's readiness checks would restore it at once.
	if window, ok := deployment.Annotations["hosted-grafana.grafana.net/maintenance-until"]; ok {
		if until, err := time.Parse(time.RFC3339, window); err == nil && time.Now().Before(until) {
			return false, nil
		}
	}
	// Nor an instance whose pods are not all ready: it may be starting after a restore,
	// and has not been scraped yet.
	if deployment.Status.ReadyReplicas < deployment.Status.Replicas {
		return false, nil
	}
	c.log.V(2).Info("asking prometheus", "instance", instance)
	// One query per instance and per reconcile: with a full reconcile every five minutes,
	// that is a query per instance every five minutes, plus one per deployment event.
	pauseQueries.Inc()
	// The query asks for the requests of the instance over idleAfter. Only real users
	// count: health checks and the controller's own requests carry a probe's user agent,
	// which the query filters out. A paused instance has no pods to scrape: its counters
	// are absent, and the query's or-vector(0) makes that a zero.
	window := c.idleAfter
	if plan := deployment.Labels["hosted-grafana.grafana.net/plan"]; plan == "trial" {
		// Trial instances are paused sooner.
		window = c.idleAfter / 2
	}
	if window < time.Hour {
		// Prometheus keeps the counters at a one-minute resolution; a shorter window
		// would miss the last scrape of an instance that was used a moment ago.
		window = time.Hour
	}
	requests, err := c.prom.getPauseMetrics(ctx, instance, window)
	if err != nil {
		return false, err
	}
	if len(requests) == 0 {
		return false, nil
	}
	for _, sample := range requests {
		if sample.Value > 0 {
			return false, nil
		}
	}
	return true, nil
}
