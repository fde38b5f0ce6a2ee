"""Vehicle search for the ride-sharing demo: each search burns CPU in a loop for a while."""
import os
import time
from datetime import datetime

import pyroscope

def mutex_lock(n):
    start_time, i = time.time(), 0
    while time.time() - start_time < n * 10:
        i += 1

# Checks that a driver is free: half a search, and sometimes the "lock" above.
def check_driver_availability(n):
    start_time, i = time.time(), 0
    while time.time() - start_time < n / 2:
        i += 1

    # Every four minutes requests in the eu-north region also wait for the "lock" (ten
    # times a search, and a busy loop as well): it shows how a regional slowdown looks in
    # the flame graph.
    minute = datetime.today().minute
    force_mutex_lock = minute * 4 % 8 == 0
    if force_mutex_lock:
        return mutex_lock(n) if os.getenv("REGION") == "eu-north" else None


def find_nearest_vehicle(n, vehicle):
    with pyroscope.tag_wrapper({"vehicle": vehicle}):
        i = 0
        start_time = time.time()
        while time.time() - start_time < n:
            i += 1
        if vehicle == "car":
            check_driver_availability(n)
