"""``profile-insights map FILE --repo DIR``: which hot rows are your code, and where.

The decoder, report and resolver are imported when the command runs: ``agent/cli/app.py`` imports
this module for every command, and ``profile-insights --help`` needs none of them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from profile_insights.agent.errors import UserInputError, shown


def map_rows(
    file: Annotated[Path, typer.Argument(help="A pprof profile (.pb.gz or .pb).")],
    repo: Annotated[
        Path, typer.Option("--repo", help="Your checkout (default: the current directory).")
    ] = Path("."),
    sample_index: Annotated[
        str | None,
        typer.Option("--sample-index", help="Sample type name or 0-based index (-sample_index)."),
    ] = None,
    rows: Annotated[int, typer.Option("--rows", min=1, help="Map the top N rows.")] = 30,
    service_root: Annotated[
        str | None,
        typer.Option("--service-root", help="Sub-directory of the repository the service is in."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the matches as JSON.")] = False,
) -> None:
    """Map the hottest `-lines -top -cum` rows to files of your checkout and check the git ref."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from profile_insights.agent.cli.options import check_path
    from profile_insights.agent.code.gitref import check_git_ref
    from profile_insights.agent.code.resolve import resolve_rows
    from profile_insights.agent.profiles.decode import read_profile_file
    from profile_insights.agent.profiles.top import top_table

    check_path(repo, "--repo")
    if not repo.is_dir():
        raise UserInputError(
            f"--repo {shown(repo)} is not a directory", "Point --repo at your checkout."
        )
    _, profile = read_profile_file(file)
    table = top_table(profile, sample_index=sample_index, lines=True, cum=True)
    git = check_git_ref(repo, table.build_ids)
    root = service_root or (git.root_paths[0] if git.root_paths else None)
    matches = resolve_rows(table.rows[:rows], repo, service_root_path=root)
    hot_files = list(dict.fromkeys(m.repo_path for m in matches if m.repo_path))
    if hot_files and git.profile_refs:
        git = check_git_ref(repo, table.build_ids, hot_files)
    if as_json:
        document = {
            "git": git.model_dump(mode="json"),
            "matches": [m.model_dump(mode="json") for m in matches],
        }
        typer.echo(json.dumps(document, indent=2))
        return
    # Text cells: names and paths come from the profile, and "[/bold]" or ":fire:" in a
    # function name is data, not rich markup (a MarkupError) or an emoji.
    title = Text(f"{shown(file.name)}: {table.sample_type}")
    view = Table("cum%", "kind", "function", "where", title=title)
    for row, match in zip(table.rows, matches, strict=False):
        where = (
            f"{match.repo_path}:{match.line}"
            if match.repo_path and match.line
            else match.repo_path or match.note
        )
        name = match.name or match.function or row.name
        view.add_row(f"{row.cum_pct:.2f}", match.kind, Text(name), Text(where))
    console = Console(emoji=False)
    console.print(view)
    console.print(f"git: {git.status}. {git.message}", highlight=False, markup=False)
