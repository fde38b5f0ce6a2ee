"""The compact model prompt loses no finding: a model that only echoes its hints keeps them all.

A model answering with ``echo_hints`` reads nothing but the prompt the graph sends and
answers, for every hint line, a finding with the hint's kind, title and row ranks, citing the
hint's ``path:line`` when that line is among the code shown. On every eval case that reaches
the model, each of those findings must pass the grounding verifier: the rows and code the
deterministic findings rest on are all in the prompt, so a model can write the same findings.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from profile_insights.evals.case_models import EvalCase
from profile_insights.evals.dataset import load_cases, prepare_case
from profile_insights.evals.runner import run_prepared
from tests.conftest import REPO_ROOT, require
from tests.fake_models import FunctionChatModel

HINT = re.compile(r"^- (?P<kind>\w+): (?P<title>.*) \(rows (?P<ranks>[\d,]+)\)$")
PLACE = re.compile(r" at (?P<path>\S+):(?P<line>\d+)$")
NUMBERED = re.compile(r"^(?P<line>\d+)[> ]")
#: Hot in-repo lines the prompt shows code around (``Limits.model_code_lines``).
CODE_LINES = 4


def shown_lines(prompt: str) -> set[tuple[str, int]]:
    """Return the (path, line) pairs of the prompt's code excerpts."""
    code = prompt.partition("Code (> hot line):\n")[2].partition("Hints:")[0]
    shown: set[tuple[str, int]] = set()
    path = ""
    for text in code.splitlines():
        numbered = NUMBERED.match(text)
        if numbered is None:
            path = text.strip()
        else:
            shown.add((path, int(numbered["line"])))
    return shown


def echo_findings(prompt: str) -> list[dict[str, Any]]:
    """Return one finding per hint line, citing its ranks and its place when shown."""
    shown = shown_lines(prompt)
    findings = []
    for text in prompt.partition("\nHints:\n")[2].splitlines():
        hint = HINT.match(text)
        if hint is None:
            continue
        place = PLACE.search(hint["title"])
        refs = []
        if place is not None and (place["path"], int(place["line"])) in shown:
            refs.append(f"{place['path']}:{place['line']}")
        findings.append(
            {
                "title": f"echo: {hint['title']}",
                "kind": hint["kind"],
                "why": "as the hint says",
                "fix": "as the hint says",
                "rows": [int(rank) for rank in hint["ranks"].split(",")],
                "refs": refs,
            }
        )
    return findings


def echo_hints(messages: list[BaseMessage]) -> AIMessage:
    """Answer the analysis with the prompt's hints as findings (and be unsure of services)."""
    text = str(messages[-1].content)
    if "Pick the service(s)" in text:  # the service question: not sure, so the user is asked
        answer: dict[str, Any] = {"services": [], "confident": False, "reason": "echo"}
    else:  # the analysis: the prompt's hints as findings
        answer = {"summary": "echo", "findings": echo_findings(text)}
    return AIMessage(content=json.dumps(answer))


CASES = load_cases(REPO_ROOT / "evals" / "cases")

#: Cases whose deterministic findings the verifier drops before the model sees them (so
#: the echoed ones are dropped too), xfail (strict) while they are open, like test_eval_run's
#: KNOWN_GAPS. None open: the .NET and Rust rows carry their lines since the frame parser.
PROMPT_GAPS: dict[str, str] = {}


def _param(case: EvalCase) -> object:
    marks = []
    if case.name in PROMPT_GAPS:
        marks.append(pytest.mark.xfail(reason=PROMPT_GAPS[case.name], strict=True))
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.eval
@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_a_model_echoing_the_hints_keeps_every_deterministic_finding(
    case: EvalCase, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    shared_dir = request.getfixturevalue("shared_dir") if case.spec.shared_profile else None
    prepared = prepare_case(case, tmp_path, shared_dir)
    result, report = run_prepared(
        prepared, model=FunctionChatModel(reply=echo_hints), shared_dir=shared_dir
    )
    assert report is not None, result.error
    if not report.get("hot_functions"):
        # traj-no-mutex-data, traj-no-recent-data: the run ends before the analysis.
        assert result.model_calls == 0 and report["outcome"] != "report"
        return
    findings = report["findings"]
    deterministic = [f for f in findings if f["source"] == "deterministic"]
    echoed = [f for f in findings if f["source"] == "model"]
    assert report["dropped_claims"] == 0, report.get("notes")
    assert len(echoed) == len(deterministic)
    # The code of the first few code findings is shown, so the model can cite its hot line.
    located = [f for f in deterministic if f["code_refs"]][:CODE_LINES]
    cited = {ref for f in echoed for ref in f["code_refs"]}
    assert all(f["code_refs"][0] in cited for f in located), (
        [f["code_refs"] for f in located],
        cited,
    )
