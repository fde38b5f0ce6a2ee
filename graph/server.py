"""The graph LangGraph Server serves (``langgraph.json``: ``profile_insights.graph.server:graph``).

Compiled without a checkpointer: the server brings its own persistence and refuses a graph
that has one. A module of its own, because the server reads a module-level variable and
compiling at import would cost every other way in start-up time.
"""

from __future__ import annotations

from profile_insights.graph.builder import CompiledGraph, build_graph

graph: CompiledGraph = build_graph()
"""The graph for ``langgraph.json`` (LangGraph Server supplies the checkpointer)."""
