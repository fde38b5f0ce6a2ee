"""A function's own names (parameters, locals) are told apart from state that outlives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from profile_insights.agent.code.facts import FunctionFacts
from profile_insights.agent.code.structure import function_facts

# (file, source with the profiled line marked HOT, lasting names, names the call owns)
CASES = [
    (
        "store.go",
        'package p\nimport z "compress/zlib"\nvar cache = map[string][]byte{}\n'
        "func (s *Store) Put(key string, v []byte) {\n\tm := map[string]int{}\n"
        "\tfor i, w := range s.words {\n\t\tm[w] = i\n\t}\n"
        "\tcache[key] = v // HOT\n}\n",
        ["cache", "s.items", "v[0]"],
        ["m", "i", "w", "key", "z", "v"],
    ),
    (
        "store.py",
        "import zlib as z\n_cache = {}\n\ndef put(key, value, *rest):\n"
        "    global _total\n    local = {}\n    for a, b in rest:\n        local[a] = b\n"
        "    _total = 1\n    _cache[key] = value  # HOT\n",
        ["_cache", "_total", "self.cache", "value.parts"],
        ["local", "a", "b", "key", "rest", "z", "zlib"],
    ),
    (
        "store.js",
        'const zlib = require("zlib");\nconst cache = new Map();\n'
        "function put(key, { value }) {\n  const seen = new Set();\n"
        "  for (const k of seen) { seen.delete(k); }\n  cache.set(key, value); // HOT\n}\n",
        ["cache", "this.cache"],
        ["seen", "k", "key", "value", "zlib"],
    ),
    (
        "Store.java",
        "class Store {\n  static java.util.List<String> log;\n"
        "  void put(String key) {\n    StringBuilder b = new StringBuilder();\n"
        '    for (String part : key.split(",")) { b.append(part); }\n'
        "    log.add(b.toString()); // HOT\n  }\n}\n",
        ["log", "this.log"],
        ["b", "part", "key"],
    ),
    (
        "store.rb",
        "class Store\n  def put(key, value)\n    copy = value.dup\n"
        "    [1].each { |n| copy << n }\n    @entries[key] = copy # HOT\n  end\nend\n",
        ["@entries", "ENTRIES"],
        ["copy", "n", "key", "value"],
    ),
    (
        "store.rs",
        "fn put(map: &mut Vec<u8>, key: u8) {\n    let mut local = Vec::new();\n"
        "    for x in 0..3 { local.push(x); }\n    map.push(key); // HOT\n}\n",
        ["GLOBAL", "map.items"],
        ["local", "x", "key", "map"],
    ),
]


def facts_at(tmp_path: Path, file: str, source: str) -> FunctionFacts:
    """Return the facts of the function holding the line marked HOT."""
    (tmp_path / file).write_text(source)
    hot = next(n for n, text in enumerate(source.splitlines(), 1) if "HOT" in text)
    facts = function_facts(tmp_path, file, hot)
    assert facts is not None
    return facts


@pytest.mark.parametrize(("file", "source", "lasting", "owned"), CASES, ids=[c[0] for c in CASES])
def test_state_that_outlives_the_call_is_told_from_the_calls_own_names(
    tmp_path: Path, file: str, source: str, lasting: list[str], owned: list[str]
) -> None:
    facts = facts_at(tmp_path, file, source)
    assert [name for name in lasting if not facts.outlives_call(name)] == []
    assert [name for name in owned if facts.outlives_call(name)] == []


def test_a_local_that_names_lasting_state_outlives_the_call(tmp_path: Path) -> None:
    source = (
        "package p\nfunc (c *Cache) Put(k string, v []byte) {\n\tsh := c.shards[len(k)%16]\n"
        "\tfresh := map[string]int{}\n\tother := c.pick(k)\n\tsh.m[k] = v // HOT\n"
        "\tfresh[k] = 1\n\t_ = other\n}\n"
    )
    facts = facts_at(tmp_path, "cache.go", source)
    assert facts.outlives_call("sh.m")
    assert not facts.outlives_call("fresh") and not facts.outlives_call("other")


def test_another_packages_variable_is_lasting_state_and_its_functions_are_not(
    tmp_path: Path,
) -> None:
    source = (
        'package p\nimport "acme/audit"\nfunc Record(e Entry) {\n'
        "\taudit.Log = append(audit.Log, e) // HOT\n}\n"
    )
    facts = facts_at(tmp_path, "record.go", source)
    assert facts.outlives_call("audit.Log") and not facts.outlives_call("audit")


def test_a_name_bound_by_with_or_except_is_the_calls_own(tmp_path: Path) -> None:
    source = (
        "import json, urllib.request\ndef rates(url):\n    try:\n"
        "        with urllib.request.urlopen(url) as response:\n"
        "            return json.load(response)  # HOT\n    except OSError as error:\n"
        "        raise RuntimeError(error)\n"
    )
    facts = facts_at(tmp_path, "rates.py", source)
    assert not facts.outlives_call("response") and not facts.outlives_call("error")
