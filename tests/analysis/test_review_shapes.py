"""Innocent code a review found named as a problem stays unnamed (each was a false positive)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from profile_insights.agent.analysis.code_findings import locked_work
from profile_insights.agent.analysis.constructs import HotCode, best_construct
from profile_insights.agent.analysis.recognisers import RECOGNISERS
from profile_insights.agent.code.structure import function_facts
from tests.analysis.test_recognisers import construct_at

CASES = [
    # A truncation after clearing the slot is the fix, not the leak.
    (
        "trunc_cleared.go",
        "package p\nfunc (h *Hub) Add(v *Viewer) {\n\th.viewers = append(h.viewers, v)\n}\n"
        "func (h *Hub) Remove(i int) {\n\tlast := len(h.viewers) - 1\n"
        "\th.viewers[i] = h.viewers[last]\n\th.viewers[last] = nil\n"
        "\th.viewers = h.viewers[:last]\n}\n",
        3, "inuse", "truncated-not-cleared",
    ),
    # A truncated slice of bytes keeps nothing else reachable.
    (
        "trunc_bytes.go",
        "package p\ntype Buf struct{ data []byte }\nfunc (b *Buf) Write(p []byte) {\n"
        "\tb.data = append(b.data, p...)\n}\nfunc (b *Buf) Truncate(n int) {\n"
        "\tb.data = b.data[:n]\n}\n",
        4, "inuse", "truncated-not-cleared",
    ),
    # A cancel handed back to the caller is the caller's to call.
    (
        "cancel_returned.go",
        "package p\nfunc (s *S) session(parent context.Context) (context.Context, func()) {\n"
        "\tctx, cancel := context.WithTimeout(parent, time.Second)\n\treturn ctx, cancel\n}\n",
        3, "inuse", "cancel-skipped",
    ),
    # A threshold the elements are compared with is no running best.
    (
        "expiry_filter.go",
        "package p\nfunc (s *Store) Live() []Item {\n\tnow := time.Now().Unix()\n"
        "\tvar out []Item\n\tfor _, it := range s.items {\n\t\tif it.Expires > now {\n"
        "\t\t\tout = append(out, it)\n\t\t}\n\t}\n\treturn out\n}\n",
        6, "cpu", "aggregate-per-call",
    ),
    # A list pushed per row holds arrays, not the lambda that built them.
    (
        "push_map.js",
        "function rows(table) {\n  const out = [];\n  for (const row of table.rows) {\n"
        "    out.push(row.cells.map((c) => c.trim()));\n  }\n  return out;\n}\n",
        4, "alloc", "closure-per-item",
    ),
    # Each element normalised in turn is no whole text rewritten per word.
    (
        "normalise.py",
        "def clean(lines):\n    out = []\n    for line in lines:\n"
        "        line = line.replace('\\t', ' ')\n        out.append(line)\n    return out\n",
        4, "cpu", "replace-per-word",
    ),
    # A send in a select with a default never blocks under the lock.
    (
        "nonblocking_send.go",
        "package p\nfunc (h *Hub) Publish(ev Event) {\n\th.mu.Lock()\n\tdefer h.mu.Unlock()\n"
        "\tfor _, s := range h.subs {\n\t\tselect {\n\t\tcase s.ch <- ev:\n\t\tdefault:\n"
        "\t\t}\n\t}\n}\n",
        7, "mutex", "send-under-lock",
    ),
    # An atomic store of the clock is no cache keyed by the time.
    (
        "atomic_now.go",
        "package p\nfunc (s *Server) Touch() {\n\ts.lastSeen.Store(time.Now().UnixNano())\n}\n",
        3, "cpu", "key-never-repeats",
    ),
    # An http.Client without a Transport of its own shares the default pool.
    (
        "client_default_transport.go",
        "package p\nfunc Get(url string) (*http.Response, error) {\n"
        "\tclient := &http.Client{Timeout: 5 * time.Second}\n\treturn client.Get(url)\n}\n",
        4, "wall", "setup-per-call",
    ),
    # A request's own body, read through the handler's request field, is this call's input.
    (
        "request_body.py",
        "import json\nclass OrderHandler:\n    def post(self):\n"
        "        payload = json.loads(self.request.body)\n"
        "        return self.store.save(payload)\n",
        4, "cpu", "parse-unchanged",
    ),
    # A field the file never sets is one a framework fills in, whatever its name.
    (
        "framework_field.py",
        "import json\nclass WebhookView(BaseView):\n    def post(self):\n"
        "        data = json.loads(self.inbound.text)\n"
        "        return self.store.save(data)\n",
        4, "cpu", "parse-unchanged",
    ),
    (
        "framework_field.js",
        "class Hook extends Route {\n  handle() {\n    const data = JSON.parse(this.ctx.raw);\n"
        "    return this.store.save(data);\n  }\n}\n",
        3, "cpu", "parse-unchanged",
    ),
    # So is what a method sets from its own parameter before parsing it.
    (
        "set_from_parameter.py",
        "import json\nclass Reader:\n    def feed(self, blob):\n"
        "        self.pending = blob\n        rows = json.loads(self.pending)\n"
        "        return rows\n",
        5, "cpu", "parse-unchanged",
    ),
    # So is the message a consumer was just handed, kept on itself first.
    (
        "consumer_message.py",
        "import json\nclass Consumer:\n    def on_message(self, message):\n"
        "        self.current = message\n        event = json.loads(self.current.body)\n"
        "        self.handle(event)\n",
        5, "cpu", "parse-unchanged",
    ),
    # An event recorded on the request's span under a lock is no slow work done holding it.
    (
        "span_event_under_lock.go",
        "package p\nfunc (s *S) Put(ctx context.Context, k string, v int) {\n\ts.mu.Lock()\n"
        "\ts.m[k] = v\n\ttrace.SpanFromContext(ctx).AddEvent(\"put\")\n\ts.mu.Unlock()\n}\n",
        6, "mutex", "work-under-lock",
    ),
    # Skipping elements of a collection is no spin: each pass moves on.
    (
        "route.py",
        "def route(self, orders):\n    for order in orders:\n        if not order.items:\n"
        "            continue\n        self.send(order)\n",
        2, "cpu", "busy-wait",
    ),
    # A poll that waits in its condition does not spin.
    (
        "run.py",
        "def run(self):\n    while self.running:\n        if not self.ready.wait(1):\n"
        "            continue\n        self.work()\n",
        2, "cpu", "busy-wait",
    ),
    # Eight steps without shifts are no checksum.
    (
        "grid.py",
        "def grid(rows):\n    out = []\n    for row in rows:\n        for col in range(8):\n"
        "            out.append(row[col] * 2)\n    return out\n",
        5, "cpu", "bitwise-checksum",
    ),
    # Joining a thread that was started is no hand-off waited on.
    (
        "run_join.py",
        "def run(self):\n    t = threading.Thread(target=self.work)\n    t.join()\n",
        3, "wall", "waits-for-handoff",
    ),
    # A defer after the loop runs once, not per iteration.
    (
        "after.go",
        "package p\nfunc (w *W) Run(jobs []Job) {\n\tbuf := w.pool.Get()\n"
        "\tdefer w.pool.Put(buf)\n\tfor _, j := range jobs {\n\t\tw.do(j, buf)\n\t}\n}\n",
        3, "inuse", "defer-in-loop",
    ),
    # Trimming each element of a collection is no value cut per step.
    (
        "trims.py",
        "def last(rows):\n    for row in rows:\n        row = row[:-1]\n        use(row)\n",
        3, "cpu", "shrink-per-step",
    ),
    # An exception kept as text (or logged) keeps no frames.
    (
        "ingest.py",
        "class Ingestor:\n    def ingest(self, upload):\n        text = upload.body.decode()\n"
        "        try:\n            parse(text)\n        except ValueError as error:\n"
        "            self.rejections.append(str(error))\n            log.exception(error)\n",
        3, "inuse", "kept-exception",
    ),
    # A recursion over children is no search over every ordering.
    (
        "walk.py",
        "def size(node):\n    total = node.bytes\n    for child in node.children:\n"
        "        total += size(child)\n    return total\n",
        4, "cpu", "exhaustive-recursion",
    ),
    # A counter of seconds waited is no clock stepped per unit.
    (
        "retry.py",
        "import time\ndef wait_ready(client):\n    waited = 0\n    while not client.ready():\n"
        "        time.sleep(1)\n        waited += 1\n    return waited\n",
        5, "wall", "clock-stepping",
    ),
    # A membership test on a set kept in a field is a hash lookup.
    (
        "calendar.py",
        "class Calendar:\n    def __init__(self, days):\n        self.closed = frozenset(days)\n"
        "    def open_days(self, days):\n"
        "        return [d for d in days if d not in self.closed]\n",
        5, "cpu", "linear-search",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("file", "source", "line", "family", "not_named"), CASES)
def test_innocent_code_is_not_named_as_the_problem(
    tmp_path: Path, file: str, source: str, line: int, family: str, not_named: str
) -> None:
    construct = construct_at(tmp_path, file, source, line, family=family)
    assert construct is None or construct.key != not_named


INNOCENT = yaml.safe_load((Path(__file__).parent / "innocent_cases.yaml").read_text())


@pytest.mark.parametrize("case", INNOCENT, ids=[case["file"] for case in INNOCENT])
def test_innocent_code_from_the_review_names_nothing(tmp_path: Path, case: dict[str, str]) -> None:
    source = case["source"]
    hot = tuple(n for n, text in enumerate(source.splitlines(), 1) if "HOT" in text)
    (tmp_path / case["file"]).write_text(source)
    facts = function_facts(tmp_path, case["file"], hot[0], case["function"])
    assert facts is not None, "the function was not parsed"
    weights = dict.fromkeys(hot, 50.0)
    code = HotCode(facts, hot, case["family"], weights=weights, called=locked_work(facts))
    construct = best_construct(code, RECOGNISERS)
    assert construct is None, f"named {construct.key if construct else ''}"


def test_a_copy_of_a_local_names_nothing(tmp_path: Path) -> None:
    local = "def rows(data):\n    out = list(data)\n    return out\n"
    assert construct_at(tmp_path, "rows.py", local, 2, family="alloc") is None
