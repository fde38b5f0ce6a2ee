"""Regenerate the scenario corpus (``evals/scenarios``): rebuild or re-run each service, record it.

The entry scripts ``evals/scenarios/regenerate_go.py`` and ``regenerate_sdk.py`` call
:func:`go_scenario.main` and :func:`sdk_scenario.main`. The pieces, by role:

- ``scenario_tree``: find scenario folders, recreate their one-commit repository, export it,
  read and write ``expected.json``;
- ``pprof_outputs``: the ``go tool pprof`` text outputs written beside a profile;
- ``oracle``: the Go scenarios' ``NAME.oracle.json`` (the profile's summary, from the project's
  own decoder, and the pprof runs);
- ``observed``: the ``observed`` numbers of ``expected.json``, from the native top table;
- ``go_scenario``: build a Go service as ``expected.json`` says and run its load;
- ``deployment``, ``push_server``, ``sdk_scenario``: lay a Python or Node.js service out where
  its deployment runs it, let its Pyroscope SDK push to ``profile-insights serve``, record.
"""
