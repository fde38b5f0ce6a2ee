//! The ride-sharing demo server in Rust: one route per vehicle kind, each a CPU-bound
//! "search", profiled by pyroscope-rs with the pprof-rs backend.

use std::collections::HashMap;
use std::env;
use std::hint::black_box;
use std::time::Instant;

use pyroscope::PyroscopeAgent;
use pyroscope_pprofrs::{pprof_backend, PprofConfig};
use warp::Filter;

/// How long each vehicle kind's search spins, in seconds.
const BIKE_SECONDS: u64 = 1;
const SCOOTER_SECONDS: u64 = 2;
const CAR_SECONDS: u64 = 3;

#[tokio::main]
async fn main() {
    env_logger::init();
    let server_address =
        env::var("PYROSCOPE_SERVER_ADDRESS").unwrap_or_else(|_| "http://pyroscope:4040".into());
    let region = env::var("REGION").unwrap_or_else(|_| "us-east".into());
    let hostname = env::var("HOSTNAME").unwrap_or_else(|_| "localhost".into());

    // 100 samples a second, pushed every ten seconds with the region and host as tags.
    let agent = PyroscopeAgent::builder(server_address, "ride-sharing-app-rust".to_owned())
        .backend(pprof_backend(PprofConfig::new().sample_rate(100)))
        .tags([("region", region.as_str()), ("hostname", hostname.as_str())].to_vec())
        .build()
        .expect("the pyroscope agent is configured");
    let agent = agent.start().expect("the pyroscope agent starts");

    // What the load generator asks first: the routes, and the region this instance is in.
    let index = warp::path::end().map({
        let region = region.clone();
        move || {
            let mut reply = HashMap::new();
            reply.insert("routes", vec!["/bike".to_string(), "/scooter".into(), "/car".into()]);
            reply.insert("region", vec![region.clone()]);
            warp::reply::json(&reply)
        }
    });
    let health = warp::path("health").map(|| "ok");

    // Each route tags its samples with the vehicle kind, then runs the search. The reply
    // is sent only once the search is over: a request costs the whole search, and holds
    // a worker thread of the runtime for as long.
    //
    // pyroscope-rs's tag wrapper is a pair of closures (add, remove) over the agent's
    // sampler: the tags cover every sample taken on this thread in between.
    //
    // The three routes differ only in the vehicle kind and the length of the search.
    let bike = warp::path("bike").map({
        let tag_wrapper = agent.tag_wrapper();
        move || {
            let (add_tag, remove_tag) = &tag_wrapper;
            add_tag("vehicle".to_string(), "bike".to_string()).expect("tag added");
            let reply = {
                // The search runs on this thread, so the tags above cover all of its
                // samples and nothing else is sampled under vehicle=bike. Bikes are the
                // quickest kind (one second); the profile splits the routes' cost by the
                // tag.
                order_bike(BIKE_SECONDS);
                "<h1>Bike ordered</h1>"
            };
            remove_tag("vehicle".to_string(), "bike".to_string()).expect("tag removed");
            warp::reply::html(reply)
        }
    });
    let scooter = warp::path("scooter").map({
        let tag_wrapper = agent.tag_wrapper();
        move || {
            let (add_tag, remove_tag) = &tag_wrapper;
            add_tag("vehicle".to_string(), "scooter".to_string()).expect("tag added");
            let reply = {
                order_scooter(SCOOTER_SECONDS);
                "<h1>Scooter ordered</h1>"
            };
            remove_tag("vehicle".to_string(), "scooter".to_string()).expect("tag removed");
            warp::reply::html(reply)
        }
    });
    let car = warp::path("car").map({
        let tag_wrapper = agent.tag_wrapper();
        move || {
            let (add_tag, remove_tag) = &tag_wrapper;
            add_tag("vehicle".to_string(), "car".to_string()).expect("tag added");
            let reply = {
                order_car(CAR_SECONDS);
                "<h1>Car ordered</h1>"
            };
            remove_tag("vehicle".to_string(), "car".to_string()).expect("tag removed");
            warp::reply::html(reply)
        }
    });

    let routes = warp::get().and(index.or(health).or(bike).or(scooter).or(car));
    let (_, server) =
        warp::serve(routes).bind_with_graceful_shutdown(([0, 0, 0, 0], 5000), async {
            tokio::signal::ctrl_c().await.expect("ctrl-c is handled");
        });
    server.await;

    // Push what is left, then stop the agent: the last ten seconds would be lost
    // otherwise.
    let agent = agent.stop().expect("the pyroscope agent stops");
    agent.shutdown();
}

fn order_bike(n: u64) {
    find_nearest_vehicle(n, "bike");
}

fn order_scooter(n: u64) {
    find_nearest_vehicle(n, "scooter");
}

fn order_car(n: u64) {
    find_nearest_vehicle(n, "car");
}

fn find_nearest_vehicle(n: u64, vehicle: &str) {
    // The demo's "search" is a busy loop: it reads the clock until n seconds have passed.
    let started = Instant::now();
    let mut i: u64 = 0;
    while started.elapsed().as_secs() < n {
        i = i.wrapping_add(1);
    }
    black_box(i);
    log::debug!("found a {} after {} turns of the loop", vehicle, i);
    if vehicle == "car" { check_driver_availability(n) }
}

/// Checks that a driver is free: the same busy loop, for half as long.
fn check_driver_availability(n: u64) {
    let started = Instant::now();
    let mut i: u64 = 0;
    // Fractional seconds: half of a one-second search is still half a second.
    while started.elapsed().as_secs_f64() < n as f64 / 2.0 {
        i = i.wrapping_add(1);
    }
    black_box(i);
}
