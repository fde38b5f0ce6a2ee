"""ProfilecliSource against a stand-in profilecli executable.

profilecli cannot be installed or built on these machines (no Go module proxy; not on PyPI,
npm or Debian; pyroscope-api.md §8), so these tests put a small Python script first on PATH as
``profilecli`` (``profilecli_standin.py``). It reproduces the documented output and exit codes
of the supported versions: v1.18 (JSON lines, no ``--output``/``--force``) and v2.2 (``--output
json``), the pprof file written by ``query merge``, empty results, the 401 error text, a
connection-refused ``unavailable`` error and output we cannot read.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from profile_insights.agent.errors import (
    AuthenticationError,
    ConnectionFailedError,
    InvalidQueryError,
    QueryTimeoutError,
    ToolFailedError,
    ToolNotFoundError,
)
from profile_insights.agent.pyroscope.profilecli_source import (
    PARALLEL_RUNS,
    ProfilecliSource,
    parse_version,
)
from profile_insights.agent.pyroscope.profilecli_version import detect_profilecli
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.retry import RetryPolicy
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.source import ProfileSource, SeriesTotals
from tests.conftest import install_profilecli_standin

from .conftest import AFTER, CPU_TYPE, GO_CPU

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
HOUR = (NOW - timedelta(hours=1), NOW)
TOKEN = "glsa_StandinToken_DoNotLeak_42"


@pytest.fixture
def standin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_dir: Path) -> Path:
    """Install the stand-in as ``profilecli`` first on PATH; return its call log."""
    return install_profilecli_standin(tmp_path, monkeypatch, shared_dir / "profiles" / GO_CPU)


def _calls(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def _source(**options: object) -> ProfilecliSource:
    settings = ConnectionSettings(url="http://pyro.example:4040", token=SecretStr(TOKEN))
    retry = RetryPolicy(attempts=2, initial_wait=0.01, max_wait=0.01, jitter=0)
    return ProfilecliSource(settings, retry=retry, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("version", ["1.18.0", "2.2.1"])
def test_detects_the_installed_version(
    standin: Path, monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_VERSION", version)
    assert detect_profilecli() == version
    assert parse_version(version) is not None


def test_the_version_is_asked_once_per_binary_with_a_cache(
    standin: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = tmp_path / "cache" / "profilecli-versions.json"
    assert detect_profilecli(cache=cache) == "2.2.1"
    monkeypatch.setenv("PROFILECLI_STANDIN_VERSION", "1.18.0")
    assert detect_profilecli(cache=cache) == "2.2.1"  # the same binary: not run again
    assert [call["argv"] for call in _calls(standin)] == [["--version"]]
    # A new binary (another size or modification time) is asked again.
    binary = tmp_path / "bin" / "profilecli"
    binary.write_text(binary.read_text() + "\n# upgraded\n")
    assert detect_profilecli(cache=cache) == "1.18.0"
    assert len(_calls(standin)) == 2


def test_missing_binary_is_tool_not_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert detect_profilecli() is None
    with pytest.raises(ToolNotFoundError) as caught:
        ProfilecliSource(ConnectionSettings())
    assert "github.com/grafana/pyroscope/releases" in caught.value.hint


@pytest.mark.parametrize("version", ["1.18.0", "2.2.1"])
def test_series_reads_both_output_formats(
    standin: Path, monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_VERSION", version)
    source = _source()
    assert isinstance(source, ProfileSource)
    found = source.series("{}", ["service_name", "__profile_type__"], *HOUR)
    assert [s.labels for s in found] == [
        {"__profile_type__": CPU_TYPE, "service_name": "checkout"},
        {"__profile_type__": "memory:inuse_space:bytes:space:bytes", "service_name": "checkout"},
        {"__profile_type__": CPU_TYPE, "service_name": "payments"},
    ]
    argv = _calls(standin)[-1]["argv"]
    assert isinstance(argv, list)
    # kingpin Strings flags: one occurrence per name, never comma-joined.
    assert argv.count("--label-names") == 2
    assert ("--output" in argv) is (version == "2.2.1")
    assert argv[argv.index("--from") + 1] == "2026-11-25T11:00:00Z"
    assert [t.id for t in source.profile_types(*HOUR)] == [
        "memory:inuse_space:bytes:space:bytes",
        CPU_TYPE,
    ]


@pytest.mark.parametrize("version", ["1.18.0", "2.2.1"])
def test_merge_reads_the_written_pprof_and_cleans_up(
    standin: Path, monkeypatch: pytest.MonkeyPatch, shared_dir: Path, version: str
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_VERSION", version)
    merged = _source().merge_profile('{service_name="checkout"}', CPU_TYPE, *HOUR)
    assert not merged.empty
    assert merged.data == (shared_dir / "profiles" / GO_CPU).read_bytes()
    argv = _calls(standin)[-1]["argv"]
    assert isinstance(argv, list)
    assert argv[:2] == ["query", "merge"]
    assert ("--force" in argv) is (version == "2.2.1")
    output = next(a for a in argv if a.startswith("pprof="))
    written = Path(output.removeprefix("pprof="))
    assert not written.parent.exists()  # the private temp dir is removed


def test_empty_result_is_an_empty_profile(standin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_MODE", "empty")
    source = _source()
    merged = source.merge_profile('{service_name="checkout"}', CPU_TYPE, *HOUR)
    assert merged.empty and merged.data == b""
    assert source.series("{}", [], *HOUR) == []
    assert gzip.decompress(gzip.compress(b"")) == b""


def test_401_is_an_authentication_error_without_the_token(
    standin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_MODE", "unauthorized")
    with pytest.raises(AuthenticationError) as series_error:
        _source().series("{}", [], *HOUR)
    with pytest.raises(AuthenticationError) as merge_error:
        _source().merge_profile("{}", CPU_TYPE, *HOUR)
    for error in (series_error.value, merge_error.value):
        assert "unauthenticated: 401 Unauthorized" in error.message
        assert "PROFILECLI_TOKEN" in error.hint and "PROFILECLI_TENANT_ID" in error.hint
        assert TOKEN not in str(error)


def test_credentials_go_through_the_environment_never_argv(standin: Path) -> None:
    source = _source()
    source.series("{}", [], *HOUR)
    source.merge_profile("{}", CPU_TYPE, *HOUR)
    for call in _calls(standin):
        assert TOKEN not in json.dumps(call["argv"])
        assert call["url"] == "http://pyro.example:4040"
    assert all(call["token_in_env"] for call in _calls(standin))
    assert TOKEN not in repr(source) and TOKEN not in source.describe()


def test_shell_injection_selector_is_just_a_bad_selector(
    standin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    selector = '{service_name="x"}; touch PWNED; rm -rf /'
    with pytest.raises(InvalidQueryError) as caught:
        _source().merge_profile(selector, CPU_TYPE, *HOUR)
    assert "parse error" in caught.value.message
    assert not (tmp_path / "PWNED").exists()
    argv = _calls(standin)[-1]["argv"]
    assert isinstance(argv, list)
    assert argv[argv.index("--query") + 1] == selector  # one argument, never split by a shell


def test_unreadable_output_is_a_tool_failure(
    standin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_MODE", "garbage")
    with pytest.raises(ToolFailedError, match="could not read profilecli's series output"):
        _source().series("{}", [], *HOUR)
    monkeypatch.setenv("PROFILECLI_STANDIN_MODE", "garbage")
    monkeypatch.setenv("PROFILECLI_STANDIN_VERSION", "1.18.0")
    with pytest.raises(ToolFailedError) as caught:
        _source().series("{}", [], *HOUR)
    assert "profilecli query series" in caught.value.hint


def test_bad_profile_type_is_an_invalid_query(standin: Path) -> None:
    with pytest.raises(InvalidQueryError, match="profile-type selection"):
        _source().merge_profile("{}", "cpu", *HOUR)


def test_unavailable_is_retried_then_connection_failed(
    standin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_MODE", "unavailable")
    with pytest.raises(ConnectionFailedError) as caught:
        _source().merge_profile("{}", CPU_TYPE, *HOUR)
    assert "connection refused" in caught.value.message
    merges = [c for c in _calls(standin) if c["argv"][:2] == ["query", "merge"]]  # type: ignore[index]
    assert len(merges) == 2  # RetryPolicy(attempts=2)


def test_a_hanging_profilecli_is_a_query_timeout(
    standin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_MODE", "slow")
    source = _source(timeout=1.0)
    _ = source.version  # --version answers at once even in slow mode
    with pytest.raises(QueryTimeoutError):
        source.series("{}", [], *HOUR)


def test_unknown_output_from_merge_says_to_upgrade(
    standin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_MODE", "no-pprof-output")
    with pytest.raises(ToolFailedError) as caught:
        _source().merge_profile("{}", CPU_TYPE, *HOUR)
    assert "unknown output pprof=" in caught.value.message
    assert "Upgrade profilecli" in caught.value.hint


def test_a_dev_build_counts_as_the_newest_version(
    standin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_VERSION", "dev")
    assert detect_profilecli() == "dev"
    source = _source()
    assert source.series("{}", ["service_name"], *HOUR)
    argv = _calls(standin)[-1]["argv"]
    assert isinstance(argv, list) and argv[-2:] == ["--output", "json"]


NINE, SIX = NOW - timedelta(hours=3), NOW - timedelta(hours=6)
CHECKOUT = '{service_name="checkout"}'


def _tops(log: Path) -> list[list[str]]:
    calls = [call["argv"] for call in _calls(log)]
    return [a for a in calls if isinstance(a, list) and a[:2] == ["query", "top"]]


def _flag(argv: list[str], name: str) -> list[str]:
    return [argv[i + 1] for i, arg in enumerate(argv) if arg == name]


@pytest.fixture
def deploy_standin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_dir: Path, deploy_recording: Path
) -> Path:
    """Install the stand-in answering from the deploy recording; return its call log."""
    profile = shared_dir / "profiles" / GO_CPU
    return install_profilecli_standin(tmp_path, monkeypatch, profile, recording=deploy_recording)


def test_totals_run_one_query_top_per_step_grouped_by_the_labels(deploy_standin: Path) -> None:
    found = _source().select_series(
        CHECKOUT, CPU_TYPE, NINE, NOW, group_by=["pod", "service_git_ref"], step=timedelta(hours=1)
    )
    whole, *tops = _tops(deploy_standin)
    # One run over the whole range first: had it been empty, no step would have been run.
    assert (_flag(whole, "--from"), _flag(whole, "--to")) == (
        ["2026-11-25T09:00:00Z"],
        ["2026-11-25T12:00:00Z"],
    )
    assert sorted((_flag(a, "--from"), _flag(a, "--to")) for a in tops) == [
        (["2026-11-25T09:00:00Z"], ["2026-11-25T10:00:00Z"]),
        (["2026-11-25T10:00:00Z"], ["2026-11-25T11:00:00Z"]),
        (["2026-11-25T11:00:00Z"], ["2026-11-25T12:00:00Z"]),
    ]
    assert all(_flag(a, "--label-names") == ["pod", "service_git_ref"] for a in tops)
    assert all(_flag(a, "--output") == ["json"] for a in tops)
    assert {tuple(sorted(s.labels.items())) for s in found} == {
        (("pod", "checkout-a"), ("service_git_ref", AFTER)),
        (("pod", "checkout-b"), ("service_git_ref", AFTER)),
    }
    assert all(len(series.points) == 3 for series in found)


def test_a_series_without_the_label_is_left_without_it(
    deploy_standin: Path, deploy_recording: Path
) -> None:
    # profilecli prints "<unknown>" for payments' missing pod; SelectSeries leaves the label out.
    six_hours = timedelta(hours=6)
    found = _source().select_series("{}", CPU_TYPE, SIX, NOW, group_by=["pod"], step=six_hours)
    expected = RecordedSource(deploy_recording).select_series(
        "{}", CPU_TYPE, SIX, NOW, group_by=["pod"], step=six_hours
    )
    assert {tuple(s.labels.items()): s.total for s in found} == pytest.approx(
        {tuple(s.labels.items()): s.total for s in expected}
    )
    assert {} in [series.labels for series in found]
    (everything,) = _source().select_series("{}", CPU_TYPE, SIX, NOW, group_by=[], step=six_hours)
    # No label asked for: profilecli groups by service_name, and its rows are added up.
    assert _flag(_tops(deploy_standin)[-1], "--label-names") == ["service_name"]
    assert everything.labels == {}
    assert everything.total == pytest.approx(sum(series.total for series in expected))


def test_label_names_are_the_keys_query_series_prints(
    deploy_standin: Path, deploy_recording: Path
) -> None:
    names = _source().label_names(CHECKOUT, SIX, NOW)
    assert names == RecordedSource(deploy_recording).label_names(CHECKOUT, SIX, NOW)
    assert {"pod", "service_git_ref", "__profile_type__"} <= set(names)
    calls = [call["argv"] for call in _calls(deploy_standin)]
    (series_call,) = [a for a in calls if isinstance(a, list) and a[:2] == ["query", "series"]]
    assert "--label-names" not in series_call


def test_totals_need_profilecli_1_19_and_say_to_upgrade(
    standin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILECLI_STANDIN_VERSION", "1.18.0")
    with pytest.raises(ToolFailedError) as caught:
        _source().select_series(
            "{}", CPU_TYPE, *HOUR, group_by=["service_name"], step=HOUR[1] - HOUR[0]
        )
    assert "profilecli 1.18.0 has no `query top`" in caught.value.message
    assert "v1.19.0" in caught.value.message and "Upgrade profilecli" in caught.value.hint
    assert not _tops(standin)  # refused before running anything but --version


def test_a_step_longer_than_the_server_allows_is_asked_in_parts(
    deploy_standin: Path, deploy_recording: Path
) -> None:
    two_days = timedelta(days=2)
    start = NOW - timedelta(days=1)
    (series,) = _source().select_series(
        CHECKOUT, CPU_TYPE, start, start + two_days, group_by=[], step=two_days
    )
    # One query top of 48 h is refused (limit 24h0m0s); two of 24 h are summed into one point.
    windows = [(_flag(a, "--from"), _flag(a, "--to")) for a in _tops(deploy_standin)]
    assert windows == [
        (["2026-11-24T12:00:00Z"], ["2026-11-26T12:00:00Z"]),
        (["2026-11-24T12:00:00Z"], ["2026-11-25T12:00:00Z"]),
        (["2026-11-25T12:00:00Z"], ["2026-11-26T12:00:00Z"]),
    ]
    assert [p.timestamp for p in series.points] == [start + two_days]
    expected = RecordedSource(deploy_recording).select_series(
        CHECKOUT, CPU_TYPE, start, start + two_days, group_by=[], step=two_days
    )
    assert series.total == pytest.approx(expected[0].total)


def _points(found: list[SeriesTotals]) -> dict[tuple[str, datetime], float]:
    return {(s.labels["service_git_ref"], p.timestamp): p.value for s in found for p in s.points}


def test_the_steps_of_a_day_run_several_profilecli_at_once(
    deploy_standin: Path, deploy_recording: Path
) -> None:
    day, hour = timedelta(days=1), timedelta(hours=1)
    found = _source().select_series(
        CHECKOUT, CPU_TYPE, NOW - day, NOW, group_by=["service_git_ref"], step=hour
    )
    logged = [json.loads(line) for line in deploy_standin.read_text().splitlines()]
    runs = [call for call in logged if call["argv"][:2] == ["query", "top"]]
    assert len(runs) == 1 + 24  # the whole day, then each hour
    # One run per step, but not one after the other: a day's history would take 24 round trips.
    assert 1 <= max(call["alongside"] for call in runs) < PARALLEL_RUNS
    # Each step's total still lands at its own time.
    expected = RecordedSource(deploy_recording).select_series(
        CHECKOUT, CPU_TYPE, NOW - day, NOW, group_by=["service_git_ref"], step=hour
    )
    assert _points(found) == pytest.approx(_points(expected))


def test_an_empty_range_is_one_run_however_many_steps_it_has(deploy_standin: Path) -> None:
    week_before = NOW - timedelta(days=8)
    found = _source().select_series(
        CHECKOUT,
        CPU_TYPE,
        week_before,
        week_before + timedelta(hours=12),
        group_by=["service_git_ref"],
        step=timedelta(minutes=10),
    )
    assert found == [] and len(_tops(deploy_standin)) == 1
