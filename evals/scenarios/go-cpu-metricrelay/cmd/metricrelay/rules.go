package main

// ruleText is the relabel configuration the platform team maintains (first match wins).
const ruleText = `
# runtime noise nobody graphs
drop   go_gc_duration_seconds.*                      # platform
drop   go_memstats_(mallocs|frees|lookups)_total     # platform
drop   go_(threads|info)                             # platform
drop   process_(virtual_memory_max_bytes|start_time_seconds)  # platform
drop   .*_debug_.*                                   # platform
drop   .*_(created|info)                             # platform
drop   (promhttp|prometheus)_.*                      # observability
drop   node_(softnet|sockstat|netstat|nf_conntrack|timex|entropy)_.*  # infra
drop   node_cpu_guest_seconds_total                  # infra
drop   node_filesystem_(device_error|readonly)       # infra
drop   (kube|kubelet)_.*_(annotations|labels)        # infra
drop   container_(tasks_state|memory_failures_total|spec_.*)  # infra
drop   apiserver_(request_slo|watch_events_sizes)_.*_bucket   # infra
drop   etcd_debugging_.*                             # infra
drop   grpc_server_handled_latency_seconds_bucket    # payments
drop   .*_request_size_bytes_bucket                  # payments
drop   .*_response_size_bytes_bucket                 # payments
drop   (checkout|cart)_cache_(hit|miss)_ratio        # checkout
drop   legacy_.*_v1_.*                               # checkout
drop   jvm_(buffer|classes|compilation)_.*           # search
drop   envoy_cluster_(lb|upstream_cx_connect)_.*     # mesh
drop   envoy_listener_.*_(downstream_pre_cx|worker)_.*   # mesh
drop   istio_.*_(bytes|size)_bucket                  # mesh
drop   (redis|memcached)_commands_duration_seconds_bucket  # storage
drop   pg_stat_(activity|bgwriter)_.*_seconds        # storage
drop   kafka_consumer_fetch_manager_.*_(avg|max)     # streaming
drop   kafka_producer_.*_(avg|max)                   # streaming
rename http_requests_total_legacy                    http_requests_total  # api
rename (api|edge)_latency_ms_(.*)                    ${1}_latency_milliseconds_${2}  # api
rename svc_(.*)_errors                               ${1}_errors_total    # api
keep   (http|grpc)_(server|client)_.*                # api
keep   node_(cpu|memory|disk|network|filesystem)_.*  # infra
keep   .*_total                                      # everyone
keep   .*_bucket|.*_sum|.*_count                     # everyone
`
