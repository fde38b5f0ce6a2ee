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

The ``ask`` tool takes :class:`profile_insights.agent.api.ToolArguments`, the model the LangChain
tool uses, so both ways in accept the same arguments.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Any

from langgraph.checkpoint.memory import InMemorySaver
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import BaseModel, Field

import profile_insights.agent.api as api
from profile_insights.agent.errors import ProfileInsightsError, UserInputError
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.top import format_top_table, top_table
from profile_insights.agent.pyroscope.limits import DAY
from profile_insights.graph.context import Context
from profile_insights.graph.sources import choose_kind, open_source

SERVER_NAME = "profile-insights"

ASK_DESCRIPTION = (
    "Answer a performance question about a service from its Pyroscope profiles and source "
    "code. Returns a Markdown report, or a question as JSON: call again with its thread_id "
    "and the user's answer."
)
SERVICES_DESCRIPTION = "List the services with profiles: repository and profile types."
TOP_DESCRIPTION = "Print the pprof -lines -top -cum table of a local pprof file."


def tool_signature(model: type[BaseModel]) -> inspect.Signature:
    """Return a keyword-only signature with one parameter per field of ``model``."""
    parameters = [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=inspect.Parameter.empty if field.is_required() else field.default,
            annotation=Annotated[field.annotation, Field(description=field.description)],
        )
        for name, field in model.model_fields.items()
    ]
    return inspect.Signature(parameters, return_annotation=str)


def _fail(error: ProfileInsightsError) -> Exception:
    # ToolError's text goes to the client as the tool result (is_error), without a traceback.
    return ToolError(str(error))


def server_version() -> str:
    """Return the installed version, which ``initialize`` reports to the client."""
    try:
        return package_version("profile-insights")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def build_server(
    *,
    repo: Path = Path("."),
    recording: Path | None = None,
    url: str | None = None,
    tenant: str | None = None,
) -> MCPServer:
    """Return the MCP server; its tools read profiles from ``recording`` or ``url``.

    Args:
        repo: The default git checkout (a call may name another).
        recording: A recording directory to read instead of a Pyroscope server.
        url: The Pyroscope URL (default PROFILECLI_URL); the token comes from
            PROFILECLI_TOKEN in the server's environment, never from a tool argument.
        tenant: The tenant ID (default PROFILECLI_TENANT_ID).
    """
    server = MCPServer(SERVER_NAME, instructions=ASK_DESCRIPTION, version=server_version())
    checkpointer = InMemorySaver()
    default_repo = repo.resolve()

    def context_for(call_repo: str | None) -> Context:
        chosen = Path(call_repo).expanduser() if call_repo else default_repo
        if not chosen.is_dir():
            raise UserInputError(f"repo {chosen} is not a directory", "Give the checkout's path.")
        return api.make_context(
            repo=chosen, recording=recording, url=url, tenant=tenant, interactive=False
        )

    def ask(**arguments: Any) -> str:
        call = api.ToolArguments.model_validate(arguments)
        try:
            result = api.ask_or_continue(
                call.question,
                context=context_for(call.repo),
                checkpointer=checkpointer,
                services=[call.service] if call.service else None,
                profile_type=call.profile_type,
                time_from=call.time_from,
                time_to=call.time_to,
                thread_id=call.thread_id,
                answer=call.answer,
                investigation=call,
            )
        except ProfileInsightsError as error:
            raise _fail(error) from error
        return api.result_text(result)

    # The SDK builds the tool's input schema from the signature: the LangChain tool's model.
    ask.__signature__ = tool_signature(api.ToolArguments)  # type: ignore[attr-defined]
    server.add_tool(ask, name="ask", description=ASK_DESCRIPTION)

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
