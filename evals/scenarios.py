"""Scenario folders (the layout of ../shared/scenarios) read as eval cases.

A scenario is a small service with its own ``expected.json`` (``service_name``,
``module_path``, ``git_ref``, ``git_commit.message``, ``profiles[]`` with
``pyroscope_profile_type``, ``pprof_sample_index``, ``primary`` and ``hot_functions``, and
``diagnosis.keyword_groups``), its pprof files under ``profiles/`` and a ``.gitignore`` that
keeps both out of the commit. Its repository is re-created like the scenarios'
``restore_git.sh`` does (``git add -A`` honouring the .gitignore, author and committer
``Acme Developer <dev@acme.example>``, date 2026-01-15T10:00:00+00:00, the recorded message),
so HEAD is the profiled ``git_ref``; the primary profile becomes a one-series recording built
at run time. Where the README leaves a spelling open (``file``/``profile``,
``function``/``name``) both are accepted. ``language`` and ``category`` (or ``problem_kind``),
when present, label the case in the pass rates per language and per problem kind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from profile_insights.agent.errors import ConfigurationError
from profile_insights.evals.case_models import (
    CaseSpec,
    Commit,
    EvalCase,
    Expected,
    ExpectedHot,
    ExpectedTransitions,
    SharedProfile,
)

#: The commit date restore_git.sh uses for every scenario.
SCENARIO_COMMIT_DATE = "2026-01-15T10:00:00+00:00"


#: Worst acceptable rank of the planted function (issue 4: "in its top 5 rows").
SCENARIO_MAX_RANK = 5


_QUESTIONS = {
    "alloc_space": "Why does the {service} service allocate so much memory?",
    "alloc_objects": "Why does the {service} service allocate so much memory?",
    "inuse_space": "Why is the {service} service holding so much memory?",
    "inuse_objects": "Why is the {service} service holding so much memory?",
    "contentions": "Why is there lock contention in the {service} service?",
    "delay": "Why is there lock contention in the {service} service?",
    "goroutine": "Is the {service} service leaking goroutines?",
    "wall": "Where is the latency of the {service} service's requests spent?",
}


def is_scenario(directory: Path) -> bool:
    """Return whether a folder looks like a scenario (expected.json with profiles[])."""
    path = directory / "expected.json"
    if not path.is_file() or (directory / "case.json").is_file():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and "profiles" in data and "git_ref" in data


def _primary(data: dict[str, Any]) -> dict[str, Any]:
    profiles = [p for p in data.get("profiles") or [] if isinstance(p, dict)]
    if not profiles:
        raise ConfigurationError("the scenario's expected.json lists no profiles")
    return next((p for p in profiles if p.get("primary")), profiles[0])


def _question(profile_type: str, service: str) -> str:
    sample_type = profile_type.split(":")[1] if ":" in profile_type else ""
    if profile_type.startswith("block:"):
        return f"Why are requests of the {service} service blocked waiting?"
    template = _QUESTIONS.get(sample_type, "Why is the {service} service slow?")
    return template.format(service=service)


def scenario_case(directory: Path) -> EvalCase:
    """Return the eval case a scenario folder describes.

    Raises:
        ConfigurationError: when its expected.json lacks what a case needs.
    """
    data = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    try:
        service = str(data["service_name"])
        git_ref = str(data["git_ref"])
        message = str((data.get("git_commit") or {})["message"])
        primary = _primary(data)
        profile_type = str(primary["pyroscope_profile_type"])
    except (KeyError, TypeError) as error:
        raise ConfigurationError(
            f"scenario {directory.name}: expected.json has no {error}",
            hint="See the scenarios README for the expected.json fields.",
        ) from None
    shipped = Path(str(primary.get("file") or primary.get("profile") or "")).name
    module = str(data.get("module_path") or f"github.com/acme/{service}")
    sample_type = primary.get("pprof_sample_index")
    hot = [
        ExpectedHot(
            function=str(item.get("function") or item.get("name")),
            file=item.get("file"),
            line_range=tuple(item["line_range"]) if item.get("line_range") else None,
            max_rank=SCENARIO_MAX_RANK,
        )
        for item in (primary.get("hot_functions") or [])[:1]
        if item.get("function") or item.get("name")
    ]
    spec = CaseSpec(
        description=str((data.get("diagnosis") or {}).get("summary") or directory.name),
        question=str(data.get("question") or _question(profile_type, service)),
        source=".",
        origin=f"https://{module}",
        language=str(data["language"]) if data.get("language") else None,
        commits=[Commit(message=message)],
        commit_date=SCENARIO_COMMIT_DATE,
        shared_profile=SharedProfile(
            path=f"profiles/{shipped}",
            profile_type=profile_type,
            sample_type=str(sample_type) if sample_type else None,
            labels={
                "service_name": service,
                "service_repository": f"https://{module}",
                "service_git_ref": git_ref,
            },
            base="case",
        ),
    )
    groups = (data.get("diagnosis") or {}).get("keyword_groups") or []
    expected = Expected(
        service=service,
        profile_type=profile_type,
        hot_functions=hot,
        transitions=ExpectedTransitions(),
        git_status="matches_head",
        keyword_groups=[[str(word) for word in group] for group in groups],
    )
    # The shared layout names the kind of problem planted as a "category" (cpu, alloc, ...);
    # it labels the case in the pass rates per problem kind, it is not scored.
    kind = data.get("problem_kind") or data.get("category")
    return EvalCase(
        name=directory.name,
        directory=directory,
        spec=spec,
        expected=expected,
        kind_label=str(kind) if kind else None,
    )
