"""``ProfilecliSource``: query Pyroscope by running the ``profilecli`` binary.

Facts from pyroscope-api.md §1-§2: flags are kingpin flags (``--label-names`` is repeated once
per name, a comma-joined value is not split); ``query series --output json`` exists from v1.19.0
(a pretty JSON document ``{"from","to","series":[{...}]}``), older versions print one compact
JSON object per series per line; ``query merge --output pprof=FILE`` writes a gzip'd pprof
(``--force`` from v1.19.0 to overwrite); data goes to stdout, logs to stderr, and any failure is
``error: <text>`` on stderr with exit code 1. Connection settings and credentials travel in
``PROFILECLI_*`` environment variables, never in argv (visible in ``ps``). Commands run as argv
lists with a timeout and no shell, so a selector is only ever a selector.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from profile_insights.agent.errors import (
    QueryTimeoutError,
    ToolFailedError,
    ToolNotFoundError,
)
from profile_insights.agent.pyroscope.profilecli_errors import DOWNLOAD_HINT, classify_failure
from profile_insights.agent.pyroscope.profilecli_output import (
    parse_series_json,
    parse_series_ndjson,
    parse_top_json,
)
from profile_insights.agent.pyroscope.profilecli_version import (
    VERSION_LINE,
)
from profile_insights.agent.pyroscope.retry import (
    Deadline,
    RetryPolicy,
    Transient,
    Waiting,
    query_budget,
    request_timeout,
    retrying,
)
from profile_insights.agent.pyroscope.series_totals import (
    grid_steps,
    joined,
    top_series,
    totals_in_parts,
)
from profile_insights.agent.pyroscope.settings import ConnectionSettings, scrub, scrub_profile
from profile_insights.agent.pyroscope.source import (
    FlameGraphDiff,
    MergedProfile,
    ProfileQuery,
    ProfileType,
    Series,
    SeriesPoint,
    SeriesTotals,
    SourceKind,
)
from profile_insights.agent.pyroscope.timeparse import format_rfc3339

_JSON_OUTPUT_SINCE = (1, 19, 0)
_FORCE_SINCE = (1, 19, 0)
_TOP_SINCE = (1, 19, 0)
#: profilecli runs at once for the steps of one series query (each is a process and a query).
PARALLEL_RUNS = 6
_PROFILECLI_VARIABLES = (
    "PROFILECLI_URL",
    "PROFILECLI_TOKEN",
    "PROFILECLI_TENANT_ID",
    "PROFILECLI_USERNAME",
    "PROFILECLI_PASSWORD",
)


def parse_version(text: str) -> tuple[int, int, int] | None:
    """Return ``(major, minor, patch)`` of ``1.19.0``/``v2.2.1-rc.1``; None for dev builds."""
    match = re.match(r"^v?(\d+)\.(\d+)(?:\.(\d+))?", text)
    if match is None:
        return None
    return (int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


class ProfilecliSource:
    """A :class:`ProfileSource` that runs ``profilecli query ...`` as a child process."""

    kind: SourceKind = "profilecli"

    def __init__(
        self,
        settings: ConnectionSettings | None = None,
        *,
        binary: str = "profilecli",
        timeout: float | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], datetime] | None = None,
        on_wait: Waiting | None = None,
    ) -> None:
        """Find the binary; nothing else runs until the first query.

        Args:
            settings: URL and credentials (default: from ``PROFILECLI_*`` variables).
            binary: the program name or path.
            timeout: seconds one profilecli run may take (default: PROFILE_INSIGHTS_TIMEOUT,
                else 60).
            retry: how ``unavailable`` failures are retried, and the budget of one query.
            clock: what ``now()`` returns (default: the live UTC clock).
            on_wait: told about every wait between tries (a progress line).

        Raises:
            ToolNotFoundError: when the binary is not on PATH.
            ConfigurationError: the timeout is not a positive number of seconds.
        """
        path = shutil.which(binary)
        if path is None:
            raise ToolNotFoundError(
                f"profilecli was not found (looked for {binary!r})", DOWNLOAD_HINT
            )
        self.binary = path
        self.settings = settings if settings is not None else ConnectionSettings.from_env()
        self.timeout = request_timeout(timeout)
        self.retry = retry if retry is not None else RetryPolicy()
        self.on_wait = on_wait
        self._clock = clock or (lambda: datetime.now(UTC))
        self._version: str | None = None

    def __repr__(self) -> str:
        """Return the binary and URL, never a credential."""
        return f"ProfilecliSource({self.binary!r}, {self.settings.describe()!r})"

    @property
    def version(self) -> str:
        """Return the binary's version (``dev`` when it does not say)."""
        if self._version is None:
            output = self._run(["--version"], retry=False)
            match = VERSION_LINE.search(output)
            if match is None:
                raise ToolFailedError(
                    f"{self.binary} --version did not print a profilecli version",
                    DOWNLOAD_HINT,
                )
            self._version = match.group(1) or "dev"
        return self._version

    def _at_least(self, minimum: tuple[int, int, int]) -> bool:
        parsed = parse_version(self.version)
        return parsed is None or parsed >= minimum  # dev builds are built from main

    def now(self) -> datetime:
        """Return the live clock."""
        return self._clock()

    def describe(self) -> str:
        """Return the profilecli version and the server URL (without credentials)."""
        return f"profilecli {self.version} querying {self.settings.describe()}"

    def profile_types(self, start: datetime, end: datetime) -> list[ProfileType]:
        """List the profile types with data (``query series --label-names __profile_type__``)."""
        found = self.series("{}", ["__profile_type__"], start, end)
        ids = sorted(
            {s.labels["__profile_type__"] for s in found if "__profile_type__" in s.labels}
        )
        types: list[ProfileType] = []
        for profile_type in ids:
            try:
                types.append(ProfileType.parse(profile_type))
            except ValueError:
                continue  # a malformed ID in the index is not ours to fix; skip it
        return types

    def series(
        self,
        selector: str,
        label_names: Sequence[str],
        start: datetime,
        end: datetime,
    ) -> list[Series]:
        """Return the label sets of matching series (``profilecli query series``)."""
        argv = ["query", "series", "--query", selector, *self._range_flags(start, end)]
        for name in label_names:
            argv += ["--label-names", name]
        json_output = self._at_least(_JSON_OUTPUT_SINCE)
        if json_output:
            argv += ["--output", "json"]
        # Scrubbed first: a label value echoing a credential must not reach the state.
        output = scrub(self._run(argv), self.settings.secrets())
        labels = parse_series_json(output) if json_output else parse_series_ndjson(output)
        return [Series(labels=item) for item in labels]

    def label_names(self, selector: str, start: datetime, end: datetime) -> list[str]:
        """Return the label names of matching series (the keys ``query series`` prints)."""
        found = self.series(selector, [], start, end)
        return sorted({name for series in found for name in series.labels})

    def select_series(
        self,
        selector: str,
        profile_type: str,
        start: datetime,
        end: datetime,
        *,
        group_by: Sequence[str],
        step: timedelta,
        limit: int | None = None,
    ) -> list[SeriesTotals]:
        """Return totals per ``group_by`` label set: one ``query top`` per step of the range.

        ``query top`` sums ``SelectSeries`` over its window, so a point per step is one run per
        step ``(t - step, t]`` of the grid ``start + k * step`` (a week by day is seven runs),
        several at once, after one run over the whole range that skips them when it is empty;
        a step longer than the server's max query length is asked in parts and summed. Needs
        profilecli v1.19.0 or later.
        """
        if not self._at_least(_TOP_SINCE):
            raise ToolFailedError(
                f"profilecli {self.version} has no `query top` (totals by label need v1.19.0)",
                "Upgrade profilecli, or set PROFILE_INSIGHTS_SOURCE=http to use the HTTP API. "
                + DOWNLOAD_HINT,
            )

        def step_totals(frm: datetime, to: datetime) -> list[SeriesTotals]:
            return [
                SeriesTotals(labels=labels, points=[SeriesPoint(timestamp=to, value=total)])
                for labels, total in self._top(selector, profile_type, frm, to, group_by)
            ]

        def query(
            first: datetime, last: datetime, every: timedelta, top: int | None
        ) -> list[SeriesTotals]:
            steps = grid_steps(first, last, max(every, timedelta(seconds=1)))
            if len(steps) > 1 and not self._top(selector, profile_type, first, last, group_by):
                return []  # one run says the range is empty: so is every step of it
            # A day by the hour is 24 runs: a few at a time, or a deploy history takes minutes.
            with ThreadPoolExecutor(max_workers=PARALLEL_RUNS) as pool:
                parts = list(pool.map(step_totals, *zip(*steps, strict=True)))
            return top_series(joined(parts), top)

        return totals_in_parts(query, start, end, step, limit)

    def _top(
        self,
        selector: str,
        profile_type: str,
        start: datetime,
        end: datetime,
        group_by: Sequence[str],
    ) -> list[tuple[dict[str, str], float]]:
        argv = ["query", "top", "--query", selector, "--profile-type", profile_type]
        argv += [*self._range_flags(start, end), "--output", "json", "--top-n", "1000"]
        # Without --label-names profilecli groups by service_name: ask for it, then add up.
        for name in group_by or ["service_name"]:
            argv += ["--label-names", name]
        # Scrubbed first: a label value echoing a credential must not reach the state.
        return parse_top_json(scrub(self._run(argv), self.settings.secrets()), group_by)

    def diff(self, left: ProfileQuery, right: ProfileQuery) -> FlameGraphDiff | None:
        """Return None: profilecli has no diff command (the two merges are compared)."""
        return None

    def merge_profile(
        self, selector: str, profile_type: str, start: datetime, end: datetime
    ) -> MergedProfile:
        """Fetch the merged profile (``profilecli query merge --output pprof=FILE``)."""
        # mkdtemp makes a 0700 directory: the profile is never readable by other users.
        workdir = Path(tempfile.mkdtemp(prefix="profile-insights-profilecli-"))
        try:
            target = workdir / "merged.pb.gz"
            argv = [
                "query",
                "merge",
                "--query",
                selector,
                "--profile-type",
                profile_type,
                *self._range_flags(start, end),
                "--output",
                f"pprof={target}",
            ]
            if self._at_least(_FORCE_SINCE):
                argv.append("--force")
            self._run(argv)
            if not target.is_file():
                raise ToolFailedError(
                    "profilecli reported success but wrote no profile file",
                    "Run `profilecli query merge --output pprof=FILE` by hand to see why.",
                )
            data = scrub_profile(target.read_bytes(), self.settings.secrets())
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return MergedProfile.answer(selector, profile_type, start, end, data)

    def _range_flags(self, start: datetime, end: datetime) -> list[str]:
        return ["--from", format_rfc3339(start), "--to", format_rfc3339(end)]

    def _run(self, argv: list[str], retry: bool = True) -> str:
        policy = self.retry if retry else RetryPolicy(attempts=1)
        deadline = Deadline(query_budget(policy, self.timeout))
        try:
            for attempt in retrying(
                policy,
                lambda error: isinstance(error, Transient),
                deadline,
                what=f"profilecli {' '.join(argv[:2])}",
                on_wait=self.on_wait,
            ):
                with attempt:
                    return self._run_once(argv, deadline.bound(self.timeout))
        except Transient as error:
            raise error.final from None
        raise AssertionError("tenacity returned without a result")  # pragma: no cover

    def _run_once(self, argv: list[str], timeout: float) -> str:
        env = {k: v for k, v in os.environ.items() if k not in _PROFILECLI_VARIABLES}
        env.update(self.settings.profilecli_env())
        try:
            result = subprocess.run(
                [self.binary, *argv],
                capture_output=True,
                text=True,
                timeout=timeout,
                env=env,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except FileNotFoundError:
            raise ToolNotFoundError(
                f"profilecli disappeared from {self.binary}", DOWNLOAD_HINT
            ) from None
        except subprocess.TimeoutExpired:
            raise QueryTimeoutError(
                f"profilecli {' '.join(argv[:2])} did not finish within {timeout:g}s"
            ) from None
        if result.returncode == 0:
            return result.stdout
        raise classify_failure(
            argv,
            result.stderr,
            version=self._version or "",
            where=self.settings.describe(),
            secrets=self.settings.secrets(),
        )
