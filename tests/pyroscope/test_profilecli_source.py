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
from profile_insights.agent.pyroscope.profilecli_source import ProfilecliSource, parse_version
from profile_insights.agent.pyroscope.profilecli_version import detect_profilecli
from profile_insights.agent.pyroscope.retry import RetryPolicy
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.source import ProfileSource
from tests.conftest import install_profilecli_standin

from .conftest import CPU_TYPE, GO_CPU

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
