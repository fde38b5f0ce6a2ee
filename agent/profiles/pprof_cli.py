"""Run the ``pprof`` tool and read its ``-top`` text back into a :class:`TopTable`.

The native reader is the default way to build the top table; this module is the second
opinion (and the seed's original path): it finds ``pprof`` or ``go tool pprof``, runs it as an
argument list with a timeout and a neutral environment, and parses the text. The parser follows
google/pprof's ``internal/report`` formatting (see ``docs/pprof-semantics.md`` in the shared
reference material): header lines, then rows ``%10s %s %s %10s %s  %s%s``.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from profile_insights.agent.errors import (
    ProfileFormatError,
    ToolFailedError,
    ToolNotFoundError,
)
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.demangle import rewrite_function_name
from profile_insights.agent.profiles.pprof_text import parse_top_text
from profile_insights.agent.profiles.table import TopTable

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 120.0

INSTALL_HINT = (
    "Install Go (Debian/Ubuntu: `apt-get install golang-go`) to get `go tool pprof`, or "
    "`go install github.com/google/pprof@latest` and put it on PATH. The built-in reader "
    "(the default) needs neither."
)


class PprofTimeoutError(ToolFailedError):
    """pprof did not finish within the allowed time."""

    default_hint = (
        "Use the built-in reader (the default), raise the timeout, or query a shorter range."
    )


# --------------------------------------------------------------------------------------------
# Locating and running pprof


@dataclass(frozen=True)
class PprofCommand:
    """How to start pprof: the argument prefix before pprof's own flags."""

    argv: tuple[str, ...]

    @property
    def description(self) -> str:
        """Return the command as a user would type it."""
        return " ".join(self.argv)


def locate_pprof(path_env: str | None = None) -> PprofCommand:
    """Return the pprof command: ``pprof`` on PATH, else ``go tool pprof``.

    The seed's order is followed: a standalone pprof first, the one bundled with Go second.

    Args:
        path_env: A PATH value to search instead of the process's PATH.

    Raises:
        ToolNotFoundError: Neither ``pprof`` nor ``go`` is on PATH.
    """
    pprof = shutil.which("pprof", path=path_env)
    if pprof:
        return PprofCommand((pprof,))
    go = shutil.which("go", path=path_env)
    if go:
        return PprofCommand((go, "tool", "pprof"))
    raise ToolNotFoundError("Neither `pprof` nor `go` was found on PATH.", INSTALL_HINT)


def pprof_args(
    *,
    lines: bool = True,
    cum: bool = True,
    sample_index: str | int | None = None,
    nodecount: int | None = None,
    symbolize: bool = True,
) -> list[str]:
    """Return pprof's flags for a top report with the given options.

    ``symbolize=False`` adds ``-symbolize=none``: it silences local-symbolization attempts
    for mappings that name binaries absent here, but it also skips pprof's demangling and
    C++-style name rewriting, so names such as ``(anonymous namespace)::helper(int)`` stay
    unshortened (pprof-semantics §1 step 4). Use it only when that cannot change the text.
    """
    args: list[str] = []
    if sample_index is not None:
        args.append(f"-sample_index={sample_index}")
    if nodecount is not None:
        args.append(f"-nodecount={nodecount}")
    if not symbolize:
        args.append("-symbolize=none")
    if lines:
        args.append("-lines")
    args.append("-top")
    if cum:
        args.append("-cum")
    return args


def _pprof_env(home: Path) -> dict[str, str]:
    """Return an environment that makes pprof's output reproducible.

    ``Time:`` is printed in the local zone, so TZ is UTC. pprof looks for local copies of
    profiled binaries in ``$PPROF_BINARY_PATH`` (default ``$HOME/pprof/binaries``) and would
    symbolize with them, so both point at an empty directory.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("PPROF_")}
    env["TZ"] = "UTC"
    env["HOME"] = str(home)
    env["PPROF_BINARY_PATH"] = str(home)
    # `go tool` wants a cache location when HOME has none; keep the user's if set.
    env.setdefault("GOCACHE", str(home / "go-cache"))
    return env


def _error_reason(stderr: str, shown_name: str) -> str:
    """Return pprof's own failure reason, without the noise lines around it."""
    noise = (
        "failed to fetch any source profiles",
        "Local symbolization failed",
        "Main binary filename not available",
        "Some binary filenames not available",
    )
    reasons = [
        line.strip()
        for line in stderr.splitlines()
        if line.strip() and not line.strip().startswith(noise)
    ]
    text = "; ".join(reasons) if reasons else stderr.strip()
    return text.replace(f"{shown_name}: ", "", 1) if shown_name else text


def run_pprof(
    profile: Path | bytes,
    args: Sequence[str],
    *,
    command: PprofCommand | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> str:
    """Run pprof on a profile file or bytes and return its stdout.

    Args:
        profile: Path of a pprof file, or the profile bytes (written to a temporary file).
        args: pprof flags, e.g. from :func:`pprof_args`.
        command: The pprof command; located with :func:`locate_pprof` when omitted.
        timeout: Seconds before pprof is killed.

    Raises:
        ToolNotFoundError: pprof is not installed.
        ProfileFormatError: pprof rejected the profile or an option (its reason is kept).
        PprofTimeoutError: pprof ran longer than ``timeout``.
        ToolFailedError: pprof failed in another way.
    """
    cmd = command or locate_pprof()
    with tempfile.TemporaryDirectory(prefix="profile-insights-pprof-") as tmp:
        home = Path(tmp)
        if isinstance(profile, bytes):
            target = home / "profile.pb.gz"
            target.write_bytes(profile)
            shown = "profile"
        else:
            # pprof runs in the temporary directory, so relative paths are made absolute.
            target = Path(profile).resolve()
            if not target.is_file():
                raise ProfileFormatError(f"Profile file not found: {target}")
            shown = target.name
        argv = [*cmd.argv, *args, str(target)]
        logger.debug("running %s", argv)
        try:
            done = subprocess.run(  # noqa: S603 - argv list, never a shell
                argv,
                cwd=tmp,
                env=_pprof_env(home),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PprofTimeoutError(
                f"`{cmd.description} {' '.join(args)}` did not finish in {timeout:g} s."
            ) from exc
        except OSError as exc:
            raise ToolNotFoundError(
                f"Could not start {cmd.description}: {exc}", INSTALL_HINT
            ) from exc
    if done.returncode != 0:
        reason = _error_reason(done.stderr.replace(str(target), shown), shown)
        if done.returncode == 1 and reason:
            raise ProfileFormatError(f"pprof could not read {shown}: {reason}")
        raise ToolFailedError(
            f"{cmd.description} exited with status {done.returncode}: {reason or 'no message'}",
            "Run the same command by hand to see the full output.",
        )
    return done.stdout


def symbolize_none_is_safe(profile: profile_pb2.Profile) -> bool:
    """Return True when ``-symbolize=none`` cannot change pprof's text for this profile.

    ``-symbolize=none`` skips the symbolizer and with it pprof's demangling and C++-style name
    rewriting (pprof-semantics §1 step 4, §7). Locations are only symbolized from local
    binaries, which the runner hides (empty HOME and PPROF_BINARY_PATH), so the flag is safe
    exactly when no function name would be rewritten.
    """
    strings = profile.string_table
    for function in profile.function:
        name, system_name = strings[function.name], strings[function.system_name]
        if rewrite_function_name(name, system_name) != name:
            return False
    return True


def pprof_top_table(
    profile: Path | bytes,
    *,
    lines: bool = True,
    cum: bool = True,
    sample_index: str | int | None = None,
    nodecount: int | None = None,
    symbolize: bool | Literal["auto"] = True,
    sample_unit: str | None = None,
    command: PprofCommand | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> TopTable:
    """Run ``pprof [-lines] -top [-cum]`` on a profile and return the parsed table.

    Args:
        profile: Path of a pprof file, or the profile bytes.
        lines: Add ``-lines`` (rows are function + file + line).
        cum: Add ``-cum`` (rows sorted by cumulative value).
        sample_index: pprof's ``-sample_index`` (name or 0-based index).
        nodecount: pprof's ``-nodecount``.
        symbolize: False adds ``-symbolize=none`` (see :func:`pprof_args`); ``"auto"`` adds it
            only when :func:`symbolize_none_is_safe` (this decodes the profile natively).
        sample_unit: The selected sample type's unit (e.g. ``nanoseconds``); the text does not
            show it, see :func:`parse_top_text`.
        command: The pprof command; located when omitted.
        timeout: Seconds before pprof is killed.
    """
    if symbolize == "auto":
        data = profile if isinstance(profile, bytes) else Path(profile).read_bytes()
        name = "profile" if isinstance(profile, bytes) else Path(profile).name
        symbolize = not symbolize_none_is_safe(decode_profile(data, name=name))
    args = pprof_args(
        lines=lines, cum=cum, sample_index=sample_index, nodecount=nodecount, symbolize=symbolize
    )
    cmd = command or locate_pprof()
    text = run_pprof(profile, args, command=cmd, timeout=timeout)
    try:
        return parse_top_text(text, lines=lines, cum_sort=cum, sample_unit=sample_unit)
    except ProfileFormatError as error:
        first = next((line for line in text.splitlines() if line.strip()), "nothing")
        raise ToolFailedError(
            f"`{cmd.description}` printed no top table (it printed: {first[:200]})",
            "Check that this command is pprof and works, or leave out --pprof to use the "
            "built-in reader.",
        ) from error
