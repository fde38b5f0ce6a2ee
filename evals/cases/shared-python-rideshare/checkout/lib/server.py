"""The ride-sharing demo's HTTP server: one route per vehicle kind, each searching for one."""

import os

import pyroscope
from flask import Flask

from bike.bike import order_bike
from car.car import order_car
from scooter.scooter import order_scooter

pyroscope.configure(
    application_name=os.getenv("PYROSCOPE_APPLICATION_NAME", "ride-sharing-app"),
    server_address=os.getenv("PYROSCOPE_SERVER_ADDRESS", "http://pyroscope:4040"),
    tags={"region": os.getenv("REGION", "unknown")},
)

app = Flask(__name__)

# The search radius of each vehicle kind is how long its search spins (seconds).
BIKE_RADIUS, SCOOTER_RADIUS, CAR_RADIUS = 0.2, 0.3, 0.4


# One line of work per route: everything a request costs is in the search it orders, and
# the search holds the only worker for its whole duration.


@app.route("/bike")
def bike():
    order_bike(BIKE_RADIUS)
    return "<p>Bike ordered</p>"


@app.route("/scooter")
def scooter():
    order_scooter(SCOOTER_RADIUS)
    return "<p>Scooter ordered</p>"


@app.route("/car")
def car():
    order_car(CAR_RADIUS)
    return "<p>Car ordered</p>"


@app.route("/")
def environment():
    return {"region": os.getenv("REGION", "unknown")}


if __name__ == "__main__":
    # Single-threaded on purpose: one search at a time, as the demo's load generator expects.
    port = int(os.getenv("PORT", "5000"))
    app.run(threaded=False, processes=1, host="0.0.0.0", port=port, debug=False)
