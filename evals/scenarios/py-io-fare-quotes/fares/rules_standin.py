"""Local stand-in of the two fare rules replicas (python fares/rules_standin.py SECONDS).

Prints "host:port,host:port" (rules-a, rules-b) on its first line of stdout and exits after
SECONDS. rules-b answers every request line with the zone pair's tariff rules. rules-a is the
replica whose host is being drained for the fare table migration: its listener is still up
and takes connections, but the process no longer answers.
"""

import json
import selectors
import socket
import sys
import time

CONCESSIONS = {"adult": "0", "child": "0.5", "senior": "0.34", "student": "0.25", "jobseeker": "0.5"}


def rules_of(zones):
    a, _, b = zones.partition("-")
    span = abs(hash(a) - hash(b)) % 5 + 1
    return {
        "zones": zones,
        "base": f"{2.10 + 0.85 * span:.2f}",
        "peak_periods": [[390, 570], [960, 1110]],
        "peak_factor": "1.25",
        "return_factor": "0.9",
        "daily_cap": f"{9.50 + span:.2f}",
        "concessions": CONCESSIONS,
        "currency": "EUR",
    }


def listener():
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    draining, serving = listener(), listener()
    print(f"127.0.0.1:{draining.getsockname()[1]},127.0.0.1:{serving.getsockname()[1]}", flush=True)
    sel = selectors.DefaultSelector()
    sel.register(draining, selectors.EVENT_READ, "accept-silent")
    sel.register(serving, selectors.EVENT_READ, "accept")
    buffers = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.5):
            sock = key.fileobj
            if key.data in ("accept", "accept-silent"):
                conn, _ = sock.accept()
                conn.setblocking(False)
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sel.register(conn, selectors.EVENT_READ, "silent" if key.data == "accept-silent" else "serve")
                buffers[conn] = b""
                continue
            data = sock.recv(65536)
            if not data:
                sel.unregister(sock)
                buffers.pop(sock, None)
                sock.close()
                continue
            if key.data == "silent":
                continue
            buffers[sock] += data
            *lines, buffers[sock] = buffers[sock].split(b"\n")
            for line in lines:
                request = json.loads(line)
                answer = {"status": "ok", "rules": rules_of(request["zones"])}
                sock.sendall(json.dumps(answer).encode() + b"\n")


if __name__ == "__main__":
    main()
