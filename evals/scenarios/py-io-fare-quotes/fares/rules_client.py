"""Client of the fare rules service (line-delimited JSON over TCP)."""

import json
import logging
import socket
import threading

from fares import settings

log = logging.getLogger("fares.rules")


class RulesUnavailable(Exception):
    pass


class RulesClient:
    def __init__(self, replicas, connect_timeout, read_timeout):
        self.replicas = [_address(entry) for entry in replicas]
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._local = threading.local()
        self.failovers = 0

    def rules_for(self, zone_pair, on_date):
        """The tariff rules of a zone pair on a date, from the first replica that answers."""
        request = {"op": "rules", "zones": zone_pair, "date": on_date}
        for address in self.replicas:
            try:
                return self._exchange(address, request)
            except (OSError, ValueError) as err:
                log.debug("rules replica %s:%d failed: %s", *address, err)
                self._drop(address)
                self.failovers += 1
        raise RulesUnavailable(zone_pair)

    def _exchange(self, address, request):
        conn = self._connection(address)
        conn.sock.sendall(json.dumps(request).encode() + b"\n")
        line = conn.reader.readline()
        if not line:
            raise ConnectionResetError("rules replica closed the connection")
        answer = json.loads(line)
        if answer.get("status") != "ok":
            raise ValueError(answer.get("error", "bad answer"))
        return answer["rules"]

    def _connection(self, address):
        pool = self._pool()
        conn = pool.get(address)
        if conn is None:
            sock = socket.create_connection(address, timeout=self.connect_timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(self.read_timeout)
            conn = pool[address] = _Connection(sock, sock.makefile("rb"))
        return conn

    def _drop(self, address):
        conn = self._pool().pop(address, None)
        if conn is not None:
            conn.reader.close()
            conn.sock.close()

    def _pool(self):
        pool = getattr(self._local, "pool", None)
        if pool is None:
            pool = self._local.pool = {}
        return pool


class _Connection:
    __slots__ = ("sock", "reader")

    def __init__(self, sock, reader):
        self.sock = sock
        self.reader = reader


def _address(entry):
    host, _, port = entry.rpartition(":")
    return host, int(port)


def default_client(replicas=None):
    return RulesClient(
        replicas or settings.RULES_REPLICAS,
        settings.RULES_CONNECT_TIMEOUT,
        settings.RULES_READ_TIMEOUT,
    )
