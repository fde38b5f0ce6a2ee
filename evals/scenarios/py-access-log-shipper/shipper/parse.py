"""Parsing of the edge proxies' access-log lines (combined format plus timing fields)."""

import re

LINE = re.compile(
    r'(?P<client>\S+) \S+ (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<method>[A-Z]+) (?P<path>\S+) (?P<proto>[^"]+)" '
    r'(?P<status>\d{3}) (?P<bytes>\d+) "(?P<referer>[^"]*)" "(?P<agent>[^"]*)" rt=(?P<rt>[\d.]+) upstream=(?P<upstream>\S+)'
)


def parse_line(raw):
    """Return one access-log line as a record, or None for a line that is not one."""
    match = LINE.match(raw)
    if match is None:
        return None
    record = match.groupdict()
    record["status"] = int(record["status"])
    record["bytes"] = int(record["bytes"])
    record["rt"] = float(record["rt"])
    path, _, query = record["path"].partition("?")
    record["path"] = path
    record["query"] = query
    return record
