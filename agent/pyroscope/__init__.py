"""Pyroscope access: one ProfileSource protocol, profilecli/HTTP/recorded sources, replay server."""
