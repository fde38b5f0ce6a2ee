"""The pyspy example: a fast and a slow kind of work, tagged, burning CPU in one loop.

Run under ``pyroscope exec python main.py``, which samples it with py-spy; the tag wrapper
splits the profile by the ``function`` label.
"""

import os

import pyroscope

pyroscope.configure(
    application_name="pyspy-example.python.app",
    server_address=os.getenv("PYROSCOPE_SERVER_ADDRESS", "http://pyroscope:4040"),
    tags={"hostname": os.getenv("HOSTNAME", "unknown")},
)


# The slow kind does four times the work of the fast kind.
def work(n):
    i = 0
    while i < n:
        i += 1

def fast_function():
    with pyroscope.tag_wrapper({"function": "fast"}):
        work(20000)

def slow_function():
    with pyroscope.tag_wrapper({"function": "slow"}):
        work(80000)


while True:
    fast_function()
    slow_function()
