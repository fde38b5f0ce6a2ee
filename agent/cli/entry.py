"""The ``profile-insights`` console script: say at once that a command started, then run it.

Importing the command line (typer, rich, every command module) takes 0.1-0.3 s on a loaded
machine, typer's parsing of ``ask``'s options (a pydantic adapter each) as long again, and
LangGraph a second more. For the commands that run the graph, the first progress line is
written before any of that, with nothing but the standard library loaded; then the command
line is imported and run, and the process ends without tearing Python down.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

#: Commands that run the graph: their first progress line comes before anything else.
GRAPH_COMMANDS = ("ask", "resume", "demo")


def announce(args: Sequence[str]) -> bool:
    """Write the first progress line of a command that runs the graph; return whether it did."""
    if not args or args[0] not in GRAPH_COMMANDS:
        return False
    if any(arg in ("--help", "--checkout") for arg in args[1:]):
        return False  # help, or demo --checkout: a path on stdout, no graph
    try:
        sys.stderr.write(f"… start {args[0]}: loading the graph\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # no stderr, or a closed one: run on
        return False
    return True


def run() -> NoReturn:
    """Run the command line as the console script does, then leave without tearing Python down.

    After the report, tearing down the modules the graph loaded (LangChain, pydantic, numpy:
    a garbage collection of all their objects) took 0.3 s to a second, longer than the run
    itself. Nothing is left to clean up by then (the thread store is closed, files written),
    so the output is flushed, logging shut down, and the process ends at once.
    """
    announced = announce(sys.argv[1:])
    from profile_insights.agent.cli.app import main  # typer, rich and the commands: see above

    code = main(announced=announced)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or a full disk: the output is lost
        code = code or 1
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    run()
