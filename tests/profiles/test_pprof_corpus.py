"""The native reader agrees with pprof on every profile of the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from profile_insights.agent.errors import ProfileFormatError
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.pprof_cli import (
    PprofCommand,
    pprof_top_table,
)
from profile_insights.agent.profiles.pprof_text import parse_top_text
from profile_insights.agent.profiles.top import format_top_table, top_table
from tests.profiles.oracles import (
    assert_same_table,
    corpus_reports,
    is_top_report,
    run_options,
)


@pytest.mark.slow
def test_native_tables_equal_the_parsed_oracles_of_the_whole_corpus(shared_dir: Path) -> None:
    decoded: dict[Path, object] = {}
    compared = 0
    for text_path, run, _profile in corpus_reports(shared_dir):
        source = shared_dir / text_path.parent.name / str(run["command"]).rsplit(" ", 1)[1]
        if source not in decoded:
            decoded[source] = decode_profile(source.read_bytes(), name=source.name)
        options = run_options(run)
        native = top_table(decoded[source], **options)  # type: ignore[arg-type]
        text = text_path.read_text()
        parsed = parse_top_text(
            text,
            lines=bool(options["lines"]),
            cum_sort=bool(options["cum"]),
            sample_unit=native.sample_unit,
        )
        assert_same_table(native, parsed, text_path.name)
        assert format_top_table(parsed) == text, text_path.name  # the parse loses nothing
        compared += 1
    assert compared >= 200


@pytest.mark.slow
@pytest.mark.integration
def test_native_reader_and_go_tool_pprof_agree_on_the_corpus(
    shared_dir: Path, go_pprof: PprofCommand
) -> None:
    compared = 0
    for folder in ("profiles", "pprof-conformance"):
        for source in sorted((shared_dir / folder).glob("*.pb*")):
            if not source.name.endswith((".pb", ".pb.gz")):
                continue
            meta = json.loads(Path(f"{source}.oracle.json").read_text())
            data = source.read_bytes()
            try:
                profile = decode_profile(data, name=source.name)
            except ProfileFormatError as native_error:
                with pytest.raises(ProfileFormatError) as pprof_error:
                    pprof_top_table(source, command=go_pprof)
                reason = native_error.message.split(": ", 1)[1]
                assert reason in str(pprof_error.value), source.name
                continue
            for run in meta["runs"]:
                if not is_top_report(run.get("output")) or run["exit_code"] != 0:
                    continue
                options = run_options(run)
                native = top_table(profile, **options)  # type: ignore[arg-type]
                via_pprof = pprof_top_table(
                    data,
                    sample_index=options["sample_index"],  # type: ignore[arg-type]
                    lines=bool(options["lines"]),
                    cum=bool(options["cum"]),
                    sample_unit=native.sample_unit,
                    command=go_pprof,
                )
                assert_same_table(native, via_pprof, f"{source.name} {run['args']}")
                compared += 1
    assert compared >= 150
