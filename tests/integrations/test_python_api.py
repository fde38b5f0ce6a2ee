"""The one documented import for embedders, and the ask/resume round trip it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"


def test_public_names_load_lazily_without_importing_the_graph_first() -> None:
    code = (
        "import sys, profile_insights.agent as pkg\n"
        "assert 'profile_insights.graph.builder' not in sys.modules\n"
        "from profile_insights.agent import ask, resume, NeedsInput, Report, build_graph, Context\n"
        "from profile_insights.graph.builder import build_graph as real\n"
        "assert build_graph is real and set(pkg.__all__) == set(pkg._EXPORTS)\n"
        "assert all(getattr(pkg, name) is not None for name in pkg.__all__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_ask_returns_needs_input_and_resume_returns_the_report(tmp_path: Path) -> None:
    from profile_insights.agent import NeedsInput, Report, ask, make_context, resume

    context = make_context(recording=TWO_SERVICES, repo=DEMO_REPO, cache_dir=tmp_path)
    first = ask("Why is checkout slow?", context=context)
    assert isinstance(first, NeedsInput)
    assert first.question.kind == "choose_service"
    report = resume(first.thread_id, "checkout-worker", context=context)
    assert isinstance(report, Report)
    assert report.services == ["checkout-worker"]
    assert any(row.function.endswith("pricing.validCoupon") for row in report.hot_functions)


def test_answers_given_up_front_skip_the_question(tmp_path: Path) -> None:
    from profile_insights.agent import Report, ask

    report = ask(
        "Why is checkout slow?",
        recording=TWO_SERVICES,
        repo=DEMO_REPO,
        answers={"choose_service": "checkout-api"},
    )
    assert isinstance(report, Report) and report.services == ["checkout-api"]


def test_ask_or_continue_asks_reshows_the_question_and_resumes(tmp_path: Path) -> None:
    """The one call the MCP server and the LangChain tool make for every tool call."""
    import json

    import pytest
    from langgraph.checkpoint.memory import InMemorySaver

    from profile_insights.agent import NeedsInput, Report, make_context
    from profile_insights.agent.errors import UserInputError
    from profile_insights.agent.tool_calls import ask_or_continue, result_text

    context = make_context(recording=TWO_SERVICES, repo=DEMO_REPO, cache_dir=tmp_path)
    saver = InMemorySaver()
    first = ask_or_continue("Why is checkout slow?", context=context, checkpointer=saver)
    assert isinstance(first, NeedsInput)
    shown = json.loads(result_text(first))
    assert shown["status"] == "needs_input" and shown["thread_id"] == first.thread_id

    again = ask_or_continue(
        "Why is checkout slow?", context=context, checkpointer=saver, thread_id=first.thread_id
    )
    assert again == first
    with pytest.raises(UserInputError, match="no thread no-such-thread in the checkpointer"):
        ask_or_continue("?", context=context, checkpointer=saver, thread_id="no-such-thread")

    report = ask_or_continue(
        "Why is checkout slow?",
        context=context,
        checkpointer=saver,
        thread_id=first.thread_id,
        answer="checkout-worker",
    )
    assert isinstance(report, Report) and report.services == ["checkout-worker"]
    assert result_text(report).lstrip().startswith("#")
