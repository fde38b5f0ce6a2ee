"""``profile-insights mcp``: the project as an MCP server over stdio (official ``mcp`` SDK 2.x).

Three tools, each a thin call into the library:

* ``ask`` answers a performance question through :mod:`agent.api` (the same graph as the CLI)
  and returns the Markdown report, or the pending question as JSON with its ``thread_id`` and
  options; calling ``ask`` again with ``thread_id`` and ``answer`` continues that thread.
* ``services`` lists the services, their repositories and profile types of the source.
* ``top`` prints ``pprof -lines -top -cum`` of a local pprof file with the native reader.

Tool descriptions are kept short on purpose: a chat client sends them with every request
(tests/integrations/test_mcp_server.py counts their tokens). Threads live in the server
process's memory, so an answer must come back to the same server session.

This module has no ``from __future__ import annotations``, on purpose: the SDK reads each tool's
``Annotated[..., Field(...)]`` against the module's globals when the annotations are strings,
which would put pydantic at module level. Evaluated when :func:`build_server` defines the tools,
they can use names imported there, so ``agent/cli/app.py`` (which imports this module for every
command) stays free of the SDK, the graph and pydantic.
"""

import logging
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from profile_insights.agent.errors import ProfileInsightsError, UserInputError

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

SERVER_NAME = "profile-insights"
DAY = timedelta(hours=24)

ASK_DESCRIPTION = (
    "Answer a performance question about a service from its Pyroscope profiles and source "
    "code. Returns a Markdown report, or a question as JSON: call again with its thread_id "
    "and the user's answer."
)
SERVICES_DESCRIPTION = "List the services with profiles: repository and profile types."
TOP_DESCRIPTION = "Print the pprof -lines -top -cum table of a local pprof file."


def _fail(error: ProfileInsightsError) -> Exception:
    from mcp.server.mcpserver.exceptions import ToolError

    # ToolError's text goes to the client as the tool result (is_error), without a traceback.
    return ToolError(str(error))


def build_server(
    *,
    repo: Path = Path("."),
    recording: Path | None = None,
    url: str | None = None,
    tenant: str | None = None,
) -> "MCPServer":
    """Return the MCP server; its tools read profiles from ``recording`` or ``url``.

    Args:
        repo: The default git checkout (a call may name another).
        recording: A recording directory to read instead of a Pyroscope server.
        url: The Pyroscope URL (default PROFILECLI_URL); the token comes from
            PROFILECLI_TOKEN in the server's environment, never from a tool argument.
        tenant: The tenant ID (default PROFILECLI_TENANT_ID).
    """
    # Imported here: the SDK (~0.7 s) and the graph are needed by this command only, and
    # agent/cli/app.py imports this module for every command (`top` must start lean).
    from langgraph.checkpoint.memory import InMemorySaver
    from mcp.server.mcpserver import MCPServer
    from pydantic import Field

    from profile_insights.agent import api
    from profile_insights.graph.sources import choose_kind, open_source
    from profile_insights.graph.context import Context
    from profile_insights.agent.profiles.decode import decode_profile
    from profile_insights.agent.profiles.top import format_top_table, top_table

    server = MCPServer(SERVER_NAME, instructions=ASK_DESCRIPTION)
    checkpointer = InMemorySaver()
    default_repo = repo.resolve()

    def context_for(call_repo: str | None) -> Context:
        chosen = Path(call_repo).expanduser() if call_repo else default_repo
        if not chosen.is_dir():
            raise UserInputError(f"repo {chosen} is not a directory", "Give the checkout's path.")
        return api.make_context(
            repo=chosen, recording=recording, url=url, tenant=tenant, interactive=False
        )

    @server.tool(name="ask", description=ASK_DESCRIPTION)
    def ask(
        question: Annotated[str, Field(description="e.g. Why is checkout slow?")],
        repo: Annotated[str | None, Field(description="Git checkout path")] = None,
        service: str | None = None,
        profile_type: str | None = None,
        time_from: str | None = None,
        time_to: str | None = None,
        thread_id: str | None = None,
        answer: str | None = None,
    ) -> str:
        try:
            result = api.ask_or_continue(
                question,
                context=context_for(repo),
                checkpointer=checkpointer,
                services=[service] if service else None,
                profile_type=profile_type,
                time_from=time_from,
                time_to=time_to,
                thread_id=thread_id,
                answer=answer,
            )
        except ProfileInsightsError as error:
            raise _fail(error) from error
        return api.result_text(result)

    @server.tool(name="services", description=SERVICES_DESCRIPTION)
    def services() -> str:
        try:
            context = context_for(None)
            source = open_source(context, choose_kind(context, None))
            now = source.now()
            found = source.series(
                "{}", ["service_name", "service_repository", "__profile_type__"], now - DAY, now
            )
        except ProfileInsightsError as error:
            raise _fail(error) from error
        types: dict[str, set[str]] = defaultdict(set)
        repositories: dict[str, str] = {}
        for series in found:
            name = series.labels.get("service_name")
            if not name:
                continue
            if series.labels.get("__profile_type__"):
                types[name].add(series.labels["__profile_type__"])
            if series.labels.get("service_repository"):
                repositories[name] = series.labels["service_repository"]
        if not types and not repositories:
            return f"No services with profiles in the last 24 hours ({source.describe()})."
        lines = [f"Services in {source.describe()}, last 24 hours:", ""]
        for name in sorted(set(types) | set(repositories)):
            lines.append(f"- {name} ({repositories.get(name, 'no service_repository label')})")
            lines.extend(f"  - {profile_type}" for profile_type in sorted(types[name]))
        return "\n".join(lines)

    @server.tool(name="top", description=TOP_DESCRIPTION)
    def top(
        path: Annotated[str, Field(description="pprof file (.pb or .pb.gz)")],
        sample_index: Annotated[str | None, Field(description="Sample type, e.g. cpu")] = None,
        rows: int = 20,
    ) -> str:
        file = Path(path).expanduser()
        try:
            if not file.is_file():
                raise UserInputError(f"{file} is not a file", "Give the path of a pprof file.")
            profile = decode_profile(file.read_bytes(), name=file.name)
            table = top_table(
                profile,
                sample_index=sample_index,
                lines=True,
                cum=True,
                nodecount=max(rows, 1),
                file_name=file.name,
            )
        except ProfileInsightsError as error:
            raise _fail(error) from error
        return format_top_table(table)

    return server


def serve(
    repo: Annotated[Path, typer.Option(help="Default git checkout for questions.")] = Path("."),
    recording: Annotated[
        Path | None, typer.Option(help="Read profiles from this recording directory.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Pyroscope URL (default PROFILECLI_URL).")] = None,
    tenant: Annotated[str | None, typer.Option(help="Tenant ID (X-Scope-OrgID).")] = None,
) -> None:
    """Serve the ask, services and top tools over MCP (stdio)."""
    if recording is not None and url is not None:
        raise typer.BadParameter("give --recording or --url, not both")
    # stdout carries the protocol: everything else goes to stderr, at warning level.
    logging.basicConfig(level=logging.WARNING)
    build_server(repo=repo, recording=recording, url=url, tenant=tenant).run("stdio")
