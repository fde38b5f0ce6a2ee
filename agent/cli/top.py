"""``profile-insights top FILE``: the native ``pprof -top`` report on the command line.

The decoder and report (protobuf, numpy, pydantic) are imported when the command runs:
``agent/cli/app.py`` imports this module to build ``--help``, which needs none of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def top(
    file: Annotated[Path, typer.Argument(help="A pprof profile (.pb.gz or .pb).")],
    cum: Annotated[bool, typer.Option("--cum", help="Sort by cumulative value (-cum).")] = False,
    lines: Annotated[
        bool, typer.Option("--lines", help="One row per function and line (-lines).")
    ] = False,
    sample_index: Annotated[
        str | None,
        typer.Option("--sample-index", help="Sample type name or 0-based index (-sample_index)."),
    ] = None,
    nodecount: Annotated[
        int | None, typer.Option("--nodecount", min=0, help="Show at most N rows (-nodecount).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the table as JSON.")] = False,
) -> None:
    """Print a profile's top table exactly as `go tool pprof -top` does, without pprof."""
    from profile_insights.agent.profiles.decode import decode_profile_with_columns, read_bytes
    from profile_insights.agent.profiles.frames import prepare
    from profile_insights.agent.profiles.top import format_top_table, top_table

    data = read_bytes(file)
    profile, columns = decode_profile_with_columns(data, name=str(file), full=False)
    del data
    table = top_table(
        profile,
        sample_index=sample_index,
        lines=lines,
        cum=cum,
        nodecount=nodecount,
        file_name=str(file),
        prepared=prepare(profile, columns),
    )
    if as_json:
        typer.echo(table.model_dump_json(indent=2))
    else:
        typer.echo(format_top_table(table), nl=False)


def run() -> None:
    """Run only the ``top`` command (a lean entry point: no other area is imported)."""
    typer.run(top)


if __name__ == "__main__":
    run()
