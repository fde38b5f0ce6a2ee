"""The packages depend one way: graph uses agent; agent imports graph only when a run needs it.

The embedding API (``profile_insights.agent``: api, tools, MCP server, CLI) builds the graph, so
it refers to ``profile_insights.graph``, but only inside functions: importing any module of
``agent`` never imports the graph package, so there is no import cycle between the packages.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import profile_insights.agent

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(profile_insights.agent.__path__, "profile_insights.agent.")
)


def test_no_module_of_agent_imports_the_graph_package() -> None:
    probe = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('profile_insights.graph')))\n"
    )
    assert len(MODULES) > 40
    done = subprocess.run(
        [sys.executable, "-c", probe, *MODULES], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
