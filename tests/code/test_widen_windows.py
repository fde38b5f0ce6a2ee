"""The analyst's reading of a whole function widens the window that grounds what it cites."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.code.reader import MAX_WIDENING, read_window, widen_windows


def _match(repo: Path, line: int) -> SourceMatch:
    return SourceMatch.model_validate(
        {
            "function": "./src/q.js:quote:8",
            "name": "quote",
            "kind": "in_repo",
            "profile_file": "/srv/q/src/q.js",
            "language": "nodejs",
            "repo_path": "src/q.js",
            "line": line,
            "window": read_window(repo, "src/q.js", line, 3).model_dump(),
        }
    )


def test_a_cited_line_of_the_functions_body_is_read_into_its_window(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "q.js").write_text("".join(f"line {n}\n" for n in range(1, 201)))
    match = _match(tmp_path, 8)
    [widened] = widen_windows(tmp_path, [match], ["src/q.js:36", "other.js:3"])
    assert widened.window is not None
    assert widened.window.start_line == 5 and widened.window.end_line == 38
    assert widened.window.lines[36 - 5] == "line 36"
    assert widened.line == 8  # the row's own line stays what the profile says


def test_lines_far_away_or_past_the_end_stay_unread(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "q.js").write_text("".join(f"line {n}\n" for n in range(1, 21)))
    match = _match(tmp_path, 8)
    far = 8 + 3 + MAX_WIDENING + 1
    [same] = widen_windows(tmp_path, [match], [f"src/q.js:{far}"])
    assert same.window == match.window
    [grown] = widen_windows(tmp_path, [match], ["src/q.js:25"])
    assert grown.window is not None and grown.window.end_line == 20  # the file ends there
