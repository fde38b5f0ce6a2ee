"""``profile-insights mcp``: serve the project's tools over MCP (stdio).

The MCP SDK and the graph are imported when the command runs, for start-up time: every other
command (``top``, ``--help``) must not pay for them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from profile_insights.agent.cli.options import TimeoutOption, check_path, check_url, timeout_of
from profile_insights.agent.cli.threads import StateDirOption, StateOption, store_location


def serve(
    repo: Annotated[Path, typer.Option(help="Default git checkout for questions.")] = Path("."),
    recording: Annotated[
        Path | None, typer.Option(help="Read profiles from this recording directory.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Pyroscope URL (default PROFILECLI_URL).")] = None,
    tenant: Annotated[str | None, typer.Option(help="Tenant ID (X-Scope-OrgID).")] = None,
    timeout: TimeoutOption = None,
    state: StateOption = None,
    state_dir_option: StateDirOption = None,
) -> None:
    """Serve the ask, services and top tools over MCP (stdio); threads outlive the server."""
    if recording is not None and url is not None:
        raise typer.BadParameter("give --recording or --url, not both")
    check_path(repo, "--repo")
    check_path(recording, "--recording")
    check_url(url)
    seconds = timeout_of(timeout)
    location = store_location(state, state_dir_option)
    # stdout carries the protocol: everything else goes to stderr, at warning level.
    logging.basicConfig(level=logging.WARNING)
    import anyio

    from profile_insights.agent.threads.store import open_store

    # Opened before the SDK and the graph are imported: a store that cannot be used fails the
    # command with its message, without paying for those imports first.
    with open_store(location) as checkpointer:
        from profile_insights.agent.mcp_server import build_server
        from profile_insights.agent.mcp_stdio import serve_stdio

        server = build_server(
            repo=repo,
            recording=recording,
            url=url,
            tenant=tenant,
            timeout=seconds,
            checkpointer=checkpointer,
            store_name=location.describe(),
            store_hint=f"a server started with {location.option_hint()}",
        )
        anyio.run(serve_stdio, server)
