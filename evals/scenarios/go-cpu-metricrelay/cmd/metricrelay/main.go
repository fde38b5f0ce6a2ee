// Command metricrelay relays simulated scrapes through the relabel rules.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"strings"
	"sync"
	"time"

	"github.com/acme/metricrelay/internal/exposition"
	"github.com/acme/metricrelay/internal/profiling"
	"github.com/acme/metricrelay/internal/relay"
	"github.com/acme/metricrelay/internal/rules"
)

var families = []string{
	"http_server_request_duration_seconds_bucket", "http_server_requests_total",
	"http_client_request_duration_seconds_sum", "grpc_server_handled_total",
	"grpc_server_handled_latency_seconds_bucket", "process_cpu_seconds_total",
	"process_resident_memory_bytes", "go_goroutines", "go_memstats_heap_inuse_bytes",
	"go_gc_duration_seconds", "node_cpu_seconds_total", "node_memory_MemAvailable_bytes",
	"node_network_receive_bytes_total", "node_disk_io_time_seconds_total",
	"checkout_orders_placed_total", "checkout_payment_authorisation_seconds_bucket",
	"cart_items_added_total", "search_query_duration_seconds_count", "queue_depth",
	"db_pool_connections_in_use", "cache_evictions_total", "api_latency_ms_p99",
	"svc_inventory_errors", "http_requests_total_legacy", "worker_jobs_in_flight",
	"envoy_cluster_upstream_rq_total", "kafka_consumer_records_lag", "redis_connected_clients",
	"payment_gateway_response_size_bytes_bucket", "pg_stat_database_tup_fetched",
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent scrape handlers")
	targets := flag.Int("targets", 200, "scrape targets")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	set, err := rules.Parse(ruleText)
	if err != nil {
		log.Fatal(err)
	}
	rl := &relay.Relay{Rules: set}
	bodies := make([]string, *targets)
	names := make([]string, *targets)
	for i := range bodies {
		names[i] = fmt.Sprintf("pod-%03d.prod", i)
		bodies[i] = scrape(rand.New(rand.NewSource(int64(i))), names[i])
	}

	var stopCPU func() error
	if *profileDir != "" {
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(100 + i)))
			scratch := make([]exposition.Sample, 0, 1024)
			for time.Now().Before(deadline) {
				t := r.Intn(len(bodies))
				b, err := rl.Process(names[t], bodies[t], scratch)
				if err != nil {
					log.Fatal(err)
				}
				scratch = b.Samples
			}
		}(i)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	st := rl.Stats()
	log.Printf("%d rules; %d samples received, %d dropped, %d renamed, %d forwarded",
		set.Len(), st.Received, st.Dropped, st.Renamed, st.Forwarded)
}

// scrape returns one target's exposition body: every family with a few label sets.
func scrape(r *rand.Rand, target string) string {
	var b strings.Builder
	ts := int64(1768471200000)
	for _, f := range families {
		fmt.Fprintf(&b, "# TYPE %s untyped\n", f)
		for k := 0; k < 4+r.Intn(12); k++ {
			fmt.Fprintf(&b, "%s{instance=%q,code=\"%d\",route=\"/v1/r%d\"} %g %d\n",
				f, target, 200+100*r.Intn(4), r.Intn(40), r.Float64()*1000, ts)
		}
	}
	return b.String()
}
