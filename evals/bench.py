"""Benchmark: the native ``top -lines -cum`` against ``go tool pprof -lines -top -cum``.

Run as ``python -m profile_insights.evals.bench`` (``make bench``). Each measured run
is a fresh process (by default the installed ``profile-insights top`` console script, as a user
runs it, or ``go tool pprof``), alternating between the two tools so that load from other work
on the machine hits both alike. Wall time comes from the parent's clock; peak memory is the
child's ``ru_maxrss`` from ``wait4`` (the largest process of its tree, which for ``go tool
pprof`` is the pprof binary it starts).
Medians and native/pprof ratios are printed; the native output is checked to equal pprof's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import typer

DEFAULT_PROFILES = ("synthetic_go_cpu_large.pb.gz", "synthetic_go_cpu_medium.pb.gz")
#: The installed console script, beside this interpreter (the venv's bin/).
CONSOLE_SCRIPT = Path(sys.executable).parent / "profile-insights"
#: How the native report is started: ``cli`` is what a user runs, the ``profile-insights``
#: console script; ``module`` runs the ``top`` command alone, without the rest of the CLI.
NATIVE_ENTRY = {
    "cli": [str(CONSOLE_SCRIPT), "top"],
    "module": [sys.executable, "-m", "profile_insights.agent.cli.top"],
}
#: The tool column of the results for each entry.
ENTRY_LABEL = {"cli": "profile-insights top", "module": "native (module entry)"}
DEFAULT_ENTRIES = ("cli",)


@dataclass(frozen=True)
class Run:
    """One measured process."""

    seconds: float
    peak_rss_mb: float
    exit_code: int


@dataclass(frozen=True)
class Summary:
    """Medians of the runs of one tool on one profile."""

    profile: str
    tool: str
    runs: int
    median_seconds: float
    min_seconds: float
    max_seconds: float
    median_peak_rss_mb: float
    max_peak_rss_mb: float


def measure(command: list[str], env: dict[str, str]) -> tuple[Run, bytes]:
    """Run a command to completion; return its wall time, peak RSS and stdout."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        stdout = out.read()
    # Linux reports ru_maxrss in kilobytes.
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode), stdout


def _summary(profile: str, tool: str, runs: list[Run]) -> Summary:
    seconds = [r.seconds for r in runs]
    rss = [r.peak_rss_mb for r in runs]
    return Summary(
        profile=profile,
        tool=tool,
        runs=len(runs),
        median_seconds=statistics.median(seconds),
        min_seconds=min(seconds),
        max_seconds=max(seconds),
        median_peak_rss_mb=statistics.median(rss),
        max_peak_rss_mb=max(rss),
    )


def machine() -> str:
    """Return a one-line description of the CPU, core count and memory."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 1024**3:.0f} GiB RAM"
    except (OSError, ValueError):
        memory = "unknown RAM"
    return f"{model}, {os.cpu_count()} CPUs, {memory}, Python {platform.python_version()}"


def bench(profiles: list[Path], runs: int, go: str, entry: str = "cli") -> list[Summary]:
    """Alternate native and pprof runs on each profile; return the summaries."""
    summaries: list[Summary] = []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TZ": "UTC", "HOME": home, "PPROF_BINARY_PATH": home}
        for path in profiles:
            native_cmd = [*NATIVE_ENTRY[entry], str(path), "--lines", "--cum"]
            pprof_cmd = [go, "tool", "pprof", "-lines", "-top", "-cum", str(path)]
            # One warm-up each (page cache, Go build cache), also used to check the output.
            native_run, native_out = measure(native_cmd, env)
            pprof_run, pprof_out = measure(pprof_cmd, env)
            if native_run.exit_code or pprof_run.exit_code:
                raise RuntimeError(f"{path.name}: a tool failed (native {native_run.exit_code}, "
                                   f"pprof {pprof_run.exit_code})")  # fmt: skip
            if native_out.splitlines() != pprof_out.splitlines():
                raise RuntimeError(f"{path.name}: native output differs from pprof's")
            native: list[Run] = []
            pprof: list[Run] = []
            for _ in range(runs):
                native.append(measure(native_cmd, env)[0])
                pprof.append(measure(pprof_cmd, env)[0])
                if native[-1].exit_code or pprof[-1].exit_code:
                    raise RuntimeError(f"{path.name}: a measured run failed")
            summaries.append(_summary(path.name, ENTRY_LABEL[entry], native))
            summaries.append(_summary(path.name, "go tool pprof", pprof))
    return summaries


def render(summaries: list[Summary]) -> str:
    """Return the summaries as a Markdown table with native/pprof ratios."""
    lines = [
        "| profile | tool | runs | median wall | min–max | median peak RSS | max peak RSS |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in summaries:
        lines.append(
            f"| `{s.profile}` | {s.tool} | {s.runs} | {s.median_seconds:.2f} s | "
            f"{s.min_seconds:.2f}–{s.max_seconds:.2f} s | {s.median_peak_rss_mb:.0f} MB | "
            f"{s.max_peak_rss_mb:.0f} MB |"
        )
    lines.append("")
    by_profile: dict[str, dict[str, Summary]] = {}
    for s in summaries:
        by_profile.setdefault(s.profile, {})[s.tool] = s
    for profile, tools in by_profile.items():
        pprof = tools["go tool pprof"]
        for tool, native in tools.items():
            if tool == pprof.tool:
                continue
            lines.append(
                f"- `{profile}`, {tool}: native/pprof wall time "
                f"{native.median_seconds / pprof.median_seconds:.2f}x, peak memory "
                f"{native.median_peak_rss_mb / pprof.median_peak_rss_mb:.2f}x"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="*", type=Path, help="profiles (default: shared bench)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per tool and profile")
    parser.add_argument("--shared", type=Path, default=Path.cwd().parent / "shared")
    parser.add_argument("--json", type=Path, help="also write the summaries here")
    parser.add_argument(
        "--entry",
        choices=sorted(NATIVE_ENTRY),
        action="append",
        help="native entry point(s) to time (repeatable; default: cli, the console script)",
    )
    args = parser.parse_args(argv)
    profiles = args.profiles or [args.shared / "bench" / name for name in DEFAULT_PROFILES]
    missing = [p for p in profiles if not p.is_file()]
    go = shutil.which("go")
    entries = args.entry or list(DEFAULT_ENTRIES)
    if "cli" in entries and not CONSOLE_SCRIPT.is_file():
        missing.append(CONSOLE_SCRIPT)
    if missing or go is None:
        typer.echo(f"missing: {missing or 'go (Debian golang-go)'}", err=True)
        return 1
    typer.echo(f"machine: {machine()}")
    summaries: list[Summary] = []
    for entry in entries:
        first_pass = not summaries
        found = bench(profiles, args.runs, go, entry)
        # pprof is timed alongside every entry; keep its runs from the first pass only.
        summaries.extend(s for s in found if s.tool != "go tool pprof" or first_pass)
    typer.echo(render(summaries))
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in summaries], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
