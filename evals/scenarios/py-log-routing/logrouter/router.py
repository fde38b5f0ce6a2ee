"""Parse one collector line and decide where it goes."""

import re

LEVELS = {"DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40}
LINE_TEMPLATE = r"^\[{tenant}\] (?P<level>DEBUG|INFO|WARN|ERROR) (?P<service>[\w.-]+)(?:/(?P<instance>\d+))?: (?P<message>.*)$"


class Router:
    def __init__(self, tenants, sinks):
        self.tenants = tenants
        self.sinks = sinks

    def parse(self, tenant, line):
        """Return the parsed fields of a line of ``tenant``, or None."""
        pattern = re.compile(LINE_TEMPLATE.format(tenant=re.escape(tenant)))
        match = pattern.match(line)
        return match.groupdict() if match else None

    def route(self, line):
        """Deliver one line to its sink; return the sink name."""
        tenant = line[1 : line.index("]")]
        fields = self.parse(tenant, line)
        if fields is None:
            return self.sinks.reject(line)
        for rule in self.tenants.get(tenant, ()):
            if rule.service == fields["service"] and LEVELS[fields["level"]] >= LEVELS[rule.min_level]:
                return self.sinks.deliver(rule.sink, tenant, fields)
        return self.sinks.deliver("archive", tenant, fields)
