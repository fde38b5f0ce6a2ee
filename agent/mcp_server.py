"""``profile-insights mcp``: the project as an MCP server over stdio (official ``mcp`` SDK 2.x).

Three tools, each a thin call into the library:

* ``ask`` answers a performance question through :mod:`agent.api` (the same graph as the CLI)
  and returns the Markdown report, or the pending question as JSON with its ``thread_id`` and
  options; calling ``ask`` again with ``thread_id`` and ``answer`` continues that thread.
* ``services`` lists the services, their repositories and profile types of the source.
* ``top`` prints ``pprof -lines -top -cum`` of a local pprof file with the native reader.

Tool descriptions are kept short on purpose: a chat client sends them with every request
(tests/integrations/test_mcp_server.py counts their tokens). Threads live in the thread store
the ``mcp`` command opens (SQLite in the state directory, or Postgres: the same store as the
CLI's), with the repo, recording and connection of the call that asked: an answer can come to
the next server process, or another one sharing the Postgres store, and runs on that thread's
own checkout and source.

The ``ask`` tool takes :class:`profile_insights.agent.api.ToolArguments`, the model the LangChain
tool uses, so both ways in accept the same arguments.

Every failure a caller can cause comes back as an error result whose text is the typed error's
message and next step (the SDK's own wording, "Error executing tool ...", says neither):
arguments are checked against the tools' models before the SDK sees them, and a tool returns
its :class:`ProfileInsightsError` as the result. Lines on stdin that are not JSON-RPC are
answered by :mod:`agent.mcp_stdio`.
"""

from __future__ import annotations

import inspect
import logging
from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, TextContent
from pydantic import BaseModel, Field, ValidationError

import profile_insights.agent.api as api
import profile_insights.agent.tool_calls as tool_calls
from profile_insights.agent.errors import ProfileInsightsError, UserInputError, shown
from profile_insights.agent.profiles.decode import decode_profile, read_bytes
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


logger = logging.getLogger("profile_insights.mcp")


class TopArguments(BaseModel):
    """The ``top`` tool's arguments."""

    path: str = Field(description="pprof file (.pb or .pb.gz)")
    sample_index: str | None = Field(default=None, description="Sample type, e.g. cpu")
    rows: int = 20


#: The model each tool's arguments must fit, checked before the SDK validates them.
TOOL_ARGUMENTS: dict[str, type[BaseModel]] = {"ask": api.ToolArguments, "top": TopArguments}
_USAGE = {
    "ask": "Call ask with a question (a string); add thread_id and answer to continue a thread.",
    "top": 'Call top with the path of a pprof file, e.g. {"path": "cpu.pb.gz"}.',
}


def error_result(text: str) -> CallToolResult:
    """Return a tool's error result: the message and the next step, nothing else."""
    return CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)


def text_result(text: str) -> CallToolResult:
    """Return a tool's successful result."""
    return CallToolResult(content=[TextContent(type="text", text=text)])


def answers_errors(tool: Callable[..., str]) -> Callable[..., CallToolResult]:
    """Wrap a tool so that every failure comes back as an error result, never as a crash.

    A :class:`ProfileInsightsError` is the caller's to act on: its message and next step. Any
    other exception is a bug of ours: the caller gets what happened in one line, the details
    go to the log (stderr) at debug level, and the server keeps serving.
    """

    @wraps(tool)
    def run(**arguments: Any) -> CallToolResult:
        try:
            return text_result(tool(**arguments))
        except ProfileInsightsError as error:
            return error_result(str(error))
        except Exception as error:  # noqa: BLE001 - the last line of defence of a server
            logger.debug("tool %s failed unexpectedly", tool.__name__, exc_info=True)
            return error_result(
                f"profile-insights failed unexpectedly ({type(error).__name__}: "
                f"{shown(error, 200)}).\nThis is a bug: please report it with the call made."
            )

    return run


async def check_tool_arguments(
    ctx: ServerRequestContext[Any, Any], call_next: CallNext
) -> HandlerResult:
    """Answer a tool call whose arguments do not fit the tool, in our words (a middleware)."""
    params = ctx.params or {}
    name = params.get("name") if ctx.method == "tools/call" else None
    model = TOOL_ARGUMENTS.get(name) if isinstance(name, str) else None
    arguments = params.get("arguments")
    if model is not None and (arguments is None or isinstance(arguments, dict)):
        try:
            model.model_validate(arguments or {})
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem.get("loc", ())) or "arguments"
            return error_result(
                f"the {name} tool was called with an unusable argument: {where}: "
                f"{shown(problem.get('msg', 'invalid'), 200)}\n{_USAGE.get(str(name), '')}"
            )
    return await call_next(ctx)


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
    timeout: float | None = None,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    store_name: str = "this server's memory",
    store_hint: str = "the same server process",
) -> MCPServer:
    """Return the MCP server; its tools read profiles from ``recording`` or ``url``.

    Args:
        repo: The default git checkout (a call may name another).
        recording: A recording directory to read instead of a Pyroscope server.
        url: The Pyroscope URL (default PROFILECLI_URL); the token comes from
            PROFILECLI_TOKEN in the server's environment, never from a tool argument.
        tenant: The tenant ID (default PROFILECLI_TENANT_ID).
        timeout: Seconds each request to Pyroscope may take (default PROFILE_INSIGHTS_TIMEOUT).
        checkpointer: Where threads are kept (default: this process's memory); the ``mcp``
            command passes the thread store of ``--state`` / ``--state-dir``.
        store_name: How messages name that store.
        store_hint: How messages say to reach it again (the options of ``mcp``).
    """
    server = MCPServer(
        SERVER_NAME,
        instructions=ASK_DESCRIPTION,
        version=server_version(),
        middleware=[check_tool_arguments],
    )
    threads = checkpointer if checkpointer is not None else InMemorySaver()
    default_repo = repo.resolve()

    def context_for(call_repo: str | None) -> Context:
        chosen = Path(call_repo).expanduser() if call_repo else default_repo
        if not _is_directory(chosen):
            raise UserInputError(
                f"repo {shown(chosen)} is not a directory", "Give the checkout's path."
            )
        return api.make_context(
            repo=chosen,
            recording=recording,
            url=url,
            tenant=tenant,
            interactive=False,
            timeout=timeout,
        )

    def ask(**arguments: Any) -> str:
        call = api.ToolArguments.model_validate(arguments)
        result = tool_calls.ask_or_continue(
            call.question,
            # An answer runs on the thread's own repo, recording and connection (stored
            # with it), whichever server process asked.
            context=None if call.thread_id else context_for(call.repo),
            checkpointer=threads,
            services=[call.service] if call.service else None,
            profile_type=call.profile_type,
            time_from=call.time_from,
            time_to=call.time_to,
            thread_id=call.thread_id,
            answer=call.answer,
            store_name=store_name,
            store_hint=store_hint,
            investigation=call,
        )
        return tool_calls.result_text(result)

    # The SDK builds the tool's input schema from the signature: the LangChain tool's model.
    checked_ask = answers_errors(ask)
    checked_ask.__signature__ = tool_signature(api.ToolArguments)  # type: ignore[attr-defined]
    server.add_tool(checked_ask, name="ask", description=ASK_DESCRIPTION, structured_output=False)

    def services() -> str:
        context = context_for(None)
        source = open_source(context, choose_kind(context, None))
        now = source.now()
        found = source.series(
            "{}", ["service_name", "service_repository", "__profile_type__"], now - DAY, now
        )
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

    checked_services = answers_errors(services)
    checked_services.__signature__ = inspect.Signature([], return_annotation=str)  # type: ignore[attr-defined]
    server.add_tool(
        checked_services,
        name="services",
        description=SERVICES_DESCRIPTION,
        structured_output=False,
    )

    def top(**arguments: Any) -> str:
        call = TopArguments.model_validate(arguments)
        file = Path(call.path).expanduser()
        if not _is_file(file):
            raise UserInputError(f"{shown(file)} is not a file", "Give the path of a pprof file.")
        profile = decode_profile(read_bytes(file), name=shown(file.name))
        table = top_table(
            profile,
            sample_index=call.sample_index,
            lines=True,
            cum=True,
            nodecount=max(call.rows, 1),
            file_name=shown(file.name),
        )
        return format_top_table(table)

    checked_top = answers_errors(top)
    checked_top.__signature__ = tool_signature(TopArguments)  # type: ignore[attr-defined]
    server.add_tool(checked_top, name="top", description=TOP_DESCRIPTION, structured_output=False)
    return server


def _is_directory(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # too long, a NUL byte: no such directory can exist
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
