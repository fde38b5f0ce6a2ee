"""Where threads are kept: the SQLite or Postgres store, the options that travel with a thread.

``location`` resolves ``--state`` / ``--state-dir`` / the environment to a store, ``store``
opens it (:func:`open_store`) and claims threads, ``sqlite_store`` and ``postgres_store`` are
the two kinds, ``serde`` compresses checkpoint values and ``options`` keeps a thread's
non-secret options in its checkpoints. Used by the ways in (CLI, MCP server, Python API); it
imports nothing of the graph.
"""
