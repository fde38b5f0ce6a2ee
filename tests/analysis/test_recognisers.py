"""The recognisers name the construct on the hot code, in every language the analyst parses.

Each case (``recogniser_cases.yaml``) is a small function as a service would write it, with its
profiled line marked ``HOT``; the facts come from tree-sitter (:func:`function_facts`), as in a
real run. Every construct the recognisers know has at least one case, most in several languages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from profile_insights.agent.analysis.constructs import Construct, HotCode, best_construct
from profile_insights.agent.analysis.recognisers import RECOGNISERS
from profile_insights.agent.code.structure import function_facts

CASES_FILE = Path(__file__).with_name("recogniser_cases.yaml")


class Case(BaseModel):
    """A hot function, the construct it must be recognised as, and what the profile measures."""

    named: str
    file: str
    function: str
    source: str
    family: str = "cpu"
    header_only: bool = False
    """The profile gives only the function's first line (Node.js): no line is marked HOT."""


def recognise(case: Case, tmp_path: Path) -> tuple[str | None, str]:
    """Return the key and the ``what`` of the construct recognised on the case's hot lines."""
    hot = tuple(n for n, text in enumerate(case.source.splitlines(), start=1) if "HOT" in text)
    (tmp_path / case.file).write_text(case.source)
    facts = function_facts(tmp_path, case.file, hot[0] if hot else 1, case.function)
    assert facts is not None, "the function was not parsed"
    if case.header_only:
        hot = (facts.start_line,)
    code = HotCode(facts, hot, case.family, case.header_only, weights=dict.fromkeys(hot, 50.0))
    construct = best_construct(code, RECOGNISERS)
    return (construct.key, construct.what) if construct else (None, "")


def construct_at(
    tmp_path: Path,
    file: str,
    source: str,
    line: int,
    family: str = "cpu",
    causes: dict[str, float] | None = None,
) -> Construct | None:
    """Return the construct recognised when ``line`` of ``source`` carries the profile."""
    (tmp_path / file).write_text(source)
    facts = function_facts(tmp_path, file, line)
    assert facts is not None, "the function was not parsed"
    code = HotCode(facts, (line,), family, causes=causes or {}, weights={line: 80.0})
    return best_construct(code, RECOGNISERS)


CASES = [Case.model_validate(item) for item in yaml.safe_load(CASES_FILE.read_text())]


@pytest.mark.parametrize("case", CASES, ids=[case.file for case in CASES])
def test_the_construct_on_the_hot_line_is_named(case: Case, tmp_path: Path) -> None:
    key, what = recognise(case, tmp_path)
    assert key == case.named
    # The finding cites the construct's place in the file.
    assert f"{case.file}:" in what


def test_a_lambda_on_the_hot_line_does_not_hide_its_function(tmp_path: Path) -> None:
    (tmp_path / "rank.py").write_text(
        "def best(products):\n    return sorted(products, key=lambda p: p.score)[-1]\n"
    )
    named = function_facts(tmp_path, "rank.py", 2, "best")
    innermost = function_facts(tmp_path, "rank.py", 2, "<lambda>")
    assert named is not None and named.name == "best"
    assert innermost is not None and innermost.name == "key"  # the lambda, as `key=`


def test_plain_code_is_not_given_a_construct(tmp_path: Path) -> None:
    plain = Case(
        named="",
        file="plain.go",
        function="Add",
        source="package p\nfunc Add(a, b int) int {\n\treturn a + b // HOT\n}\n",
    )
    assert recognise(plain, tmp_path) == (None, "")


def test_every_construct_has_a_case() -> None:
    from profile_insights.agent.analysis import (
        call_sites,
        recognisers,
        recognisers_algorithms,
        recognisers_buffers,
        recognisers_calls,
        recognisers_codecs,
        recognisers_memory,
        recognisers_state,
    )

    modules = (
        recognisers,
        recognisers_algorithms,
        recognisers_buffers,
        recognisers_calls,
        recognisers_codecs,
        recognisers_memory,
        recognisers_state,
        call_sites,
    )
    keys = {
        key
        for module in modules
        for key in re.findall(r'Construct\(\s*"([a-z-]+)"', Path(module.__file__ or "").read_text())
    }
    # The call-site constructs are pinned by tests/analysis/test_call_sites.py.
    assert keys - {"retained-piece", "retained-by-callback"} <= {case.named for case in CASES}


def test_the_maximum_compression_level_is_called_out_in_the_fix(tmp_path: Path) -> None:
    source = "import zlib\ndef pack(m):\n    return zlib.compress(m, level=9)  # HOT\n"
    construct = construct_at(tmp_path, "pack.py", source, 3)
    assert construct is not None and construct.key == "compression-per-call"
    assert "level 9" in construct.fix and "cache" in construct.fix


def test_a_container_the_call_declares_is_never_said_to_grow_without_bound(
    tmp_path: Path,
) -> None:
    # The map is the call's own: it is dropped on return, whatever the call adds to it.
    source = (
        "package p\nfunc Count(words []string) int {\n\tseen := map[string][]byte{}\n"
        "\tfor _, w := range words {\n\t\tseen[w] = nil // HOT\n\t}\n\treturn len(seen)\n}\n"
    )
    construct = construct_at(tmp_path, "count.go", source, 5, family="inuse")
    assert construct is None or construct.key != "unbounded-growth"


def test_a_call_into_an_imported_module_is_not_growth_of_program_state(tmp_path: Path) -> None:
    source = 'package p\nimport "container/heap"\nfunc Add(q heap.Interface, x int) {\n'
    source += "\theap.Push(q, x) // HOT\n}\n"
    construct = construct_at(tmp_path, "add.go", source, 4, family="inuse")
    assert construct is None or construct.key != "unbounded-growth"


def test_a_call_per_element_is_n_plus_one_when_the_profile_shows_io_under_it(
    tmp_path: Path,
) -> None:
    # Nothing in the names says "remote": the sockets under the line do.
    source = (
        "def check(self, cart):\n    out = []\n    for line in cart.lines:\n"
        "        out.append(self.stock.level(line.sku))  # HOT\n    return out\n"
    )
    construct = construct_at(tmp_path, "carts.py", source, 4)
    assert construct is None or construct.key != "n-plus-one"
    construct = construct_at(tmp_path, "carts.py", source, 4, causes={"py-http-client": 80.0})
    assert construct is not None and construct.key == "n-plus-one"
    assert construct.kind == "io_wait" and "cart.lines" in construct.what
    assert "batch" in construct.fix


def test_a_line_patterns_fix_is_given_in_the_idiom_of_the_files_language() -> None:
    from profile_insights.agent.analysis.patterns import explain_line

    pattern = explain_line('    return self._get(f"/v1/stock/{sku}")')
    assert pattern is not None and pattern.kind == "allocation_pressure"
    assert "strconv" in pattern.fix_for("go")
    assert "strconv" not in pattern.fix_for("python")
    assert pattern.fix_for("ruby") == pattern.fix  # no idiom of its own: the general fix


def test_parsing_what_the_call_is_given_is_not_parsing_unchanged_text(tmp_path: Path) -> None:
    source = "function handle(req) {\n  return JSON.parse(req.body); // HOT\n}\n"
    construct = construct_at(tmp_path, "handle.js", source, 2)
    assert construct is None or construct.key != "parse-unchanged"
