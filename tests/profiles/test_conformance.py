"""The native reader prints what `go tool pprof` printed, for every stored oracle.

Every profile in ../shared/profiles, ../shared/pprof-conformance and ../shared/bench has
pprof's stdout stored beside it (`F.top.txt`, `F.top-cum-lines.txt` and per sample type
`F.si-TYPE.top*.txt`, produced with Go 1.19.8, TZ=UTC) and an `F.oracle.json` with the exit
codes. Each stored output is one test: the native text must equal it line for line. Profiles
pprof refused must raise ProfileFormatError with pprof's reason and the file name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from profile_insights.agent.errors import ProfileFormatError
from profile_insights.agent.profiles.decode import decode_profile_with_columns
from profile_insights.agent.profiles.frames import PreparedProfile, prepare
from profile_insights.agent.profiles.top import format_top_table, top_table
from tests.conftest import SHARED, require

CORPORA = ("pprof-conformance", "profiles", "bench")
# Cases found when this test was written; the corpus may grow, never shrink unnoticed.
MIN_TEXT_CASES = 220
MIN_REJECTED_RUNS = 16
SLOW_PROFILES = {"synthetic_go_cpu_large.pb.gz"}


@dataclass(frozen=True)
class Case:
    """One stored pprof run: its profile, flags and expected stdout or error."""

    corpus: str
    profile: str
    args: tuple[str, ...]
    output: str | None
    exit_code: int
    stderr: str

    @property
    def sample_index(self) -> str | None:
        for arg in self.args:
            if arg.startswith("-sample_index="):
                return arg.split("=", 1)[1]
        return None


def _collect() -> list[Case]:
    cases: list[Case] = []
    for corpus in CORPORA:
        directory = SHARED / corpus
        if not directory.is_dir():
            continue
        for oracle in sorted(directory.glob("*.oracle.json")):
            info = json.loads(oracle.read_text())
            for run in info["runs"]:
                if "-raw" in run["args"]:
                    continue
                cases.append(
                    Case(
                        corpus=corpus,
                        profile=info["file"],
                        args=tuple(run["args"]),
                        output=run["output"],
                        exit_code=run["exit_code"],
                        stderr=run["stderr"],
                    )
                )
    return cases


CASES = _collect()
TEXT_CASES = [c for c in CASES if c.exit_code == 0 and c.output]
REJECTED_CASES = [c for c in CASES if c.exit_code != 0]


def _param(case: Case, ident: str) -> object:
    marks = [pytest.mark.slow] if case.profile in SLOW_PROFILES else []
    return pytest.param(case, id=ident, marks=marks)


@cache
def _prepared(corpus: str, profile: str) -> PreparedProfile:
    path = SHARED / corpus / profile
    decoded, columns = decode_profile_with_columns(path.read_bytes(), name=profile)
    return prepare(decoded, columns)


@pytest.fixture(scope="module", autouse=True)
def _release_decoded_profiles() -> Iterator[None]:
    """Free the decoded profiles (the large one holds ~300 MB) once this module is done."""
    yield
    _prepared.cache_clear()


@pytest.mark.parametrize("case", [_param(c, f"{c.corpus}/{c.output}") for c in TEXT_CASES])
def test_native_top_equals_pprof_stdout(case: Case) -> None:
    prepared = _prepared(case.corpus, case.profile)
    table = top_table(
        prepared.profile,
        sample_index=case.sample_index,
        lines="-lines" in case.args,
        cum="-cum" in case.args,
        prepared=prepared,
    )
    assert case.output is not None
    expected = (SHARED / case.corpus / case.output).read_text()
    assert format_top_table(table).splitlines() == expected.splitlines()


@pytest.mark.parametrize(
    "case",
    [_param(c, f"{c.corpus}/{c.profile}:{' '.join(c.args)}") for c in REJECTED_CASES],
)
def test_profiles_pprof_refuses_raise_its_reason(case: Case, tmp_path: Path) -> None:
    reason = case.stderr.splitlines()[0]
    # pprof prefixes decode errors with the file name; report-stage errors it does not.
    reason = reason.removeprefix(f"{case.profile}: ")
    with pytest.raises(ProfileFormatError) as raised:
        decode_profile_with_columns(
            (SHARED / case.corpus / case.profile).read_bytes(), name=case.profile
        )
    assert raised.value.message == f"{case.profile}: {reason}"


def test_corpus_is_complete_and_never_shrinks() -> None:
    require(SHARED.is_dir(), f"reference data not found at {SHARED}")
    print(f"pprof conformance: {len(TEXT_CASES)} outputs, {len(REJECTED_CASES)} refusals")
    assert len(TEXT_CASES) >= MIN_TEXT_CASES
    assert len(REJECTED_CASES) >= MIN_REJECTED_RUNS
    described = json.loads((SHARED / "pprof-conformance" / "cases.json").read_text())
    covered = {c.profile for c in CASES if c.corpus == "pprof-conformance"}
    assert set(described) <= covered
