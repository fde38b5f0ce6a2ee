"""Hostile ``ask`` command lines: paths, URLs, recordings, times, injections."""

from __future__ import annotations

from collections.abc import Callable

from tests.hostile import files
from tests.hostile.cli import DEEP, LONG, CliCase
from tests.hostile.conftest import Sandbox
from tests.hostile.harness import Expect

DEMO = str(files.DEMO_RECORDING)
SERVICE = str(files.DEMO_SERVICE)
TOO_LONG = r"too long|cannot exist"
SHORTER = r"shorter|give|point"


def ask(*options: str) -> list[str]:
    """Return ``ask`` on the demo question, never prompting, with ``options``."""
    return ["ask", files.QUESTION, "--no-input", *options]


def on_demo(*options: str) -> list[str]:
    """Return ``ask`` on the bundled recording and checkout with ``options``."""
    return ask("--recording", DEMO, "--repo", SERVICE, *options)


def _recording(sandbox: Sandbox, data: bytes) -> str:
    return str(files.recording_of(sandbox.root / "rec", data))


def _entries(sandbox: Sandbox, *names: str) -> str:
    data = files.DEMO_PROFILE.read_bytes()
    directory = files.recording(
        sandbox.root / "rec",
        {"profiles/checkout-cpu.pb.gz": data},
        entries=[files.entry(name) for name in names],
    )
    return str(directory)


def _document(sandbox: Sandbox, text: str) -> str:
    return str(files.recording(sandbox.root / "rec", document=text))


def _symlinked_out(sandbox: Sandbox) -> str:
    outside = files.write(sandbox.root / "outside/secret.pb.gz", files.DEMO_PROFILE.read_bytes())
    directory = files.recording(sandbox.root / "rec", entries=[files.entry("profiles/link.pb.gz")])
    (directory / "profiles").mkdir()
    (directory / "profiles/link.pb.gz").symlink_to(outside)
    return str(directory)


def _fifo_recording(sandbox: Sandbox) -> str:
    import os

    directory = files.recording(sandbox.root / "rec", entries=[files.entry("profiles/pipe.pb.gz")])
    (directory / "profiles").mkdir()
    os.mkfifo(directory / "profiles/pipe.pb.gz")
    return str(directory)


def _checkout_with_link_out(sandbox: Sandbox) -> str:
    repo = files.checkout(sandbox.root / "repo")
    outside = files.write(sandbox.root / "outside/pricing.go", "OUTSIDE-FILE-CONTENT\n" * 80)
    target = repo / "internal/pricing/pricing.go"
    target.unlink()
    target.symlink_to(outside)
    return str(repo)


def _frames_named(name: str | Callable[[Sandbox], str]) -> Callable[[Sandbox], list[str]]:
    def argv(sandbox: Sandbox) -> list[str]:
        file = name if isinstance(name, str) else name(sandbox)
        return ask(
            "--recording", _recording(sandbox, files.with_file_name(file)), "--repo", SERVICE
        )

    return argv


def _ask_on(make: Callable[[], bytes]) -> Callable[[Sandbox], list[str]]:
    return lambda sandbox: ask("--recording", _recording(sandbox, make()), "--repo", SERVICE)


REPORT = Expect(exit_code=0, problem=r"# Profile insights", next_step=r"## Summary")

CASES: list[CliCase] = [
    CliCase(
        "ask-url-100k-characters",
        "cli ask",
        lambda s: ask("--url", "http://localhost:4040/" + "a" * 100_000),
        Expect(exit_code=2, problem=r"--url.*too long", next_step=r"give|use"),
    ),
    CliCase(
        "ask-env-url-100k-characters",
        "cli ask",
        lambda s: ask("--repo", SERVICE),
        Expect(exit_code=10, problem=r"URL is too long", next_step=r"answer http"),
        env={"PROFILECLI_URL": "http://localhost:4040/" + "a" * 100_000},
    ),
    CliCase(
        "ask-env-url-not-http",
        "cli ask",
        lambda s: ask("--repo", SERVICE),
        Expect(exit_code=10, problem=r"not an http", next_step=r"answer http://localhost:4040"),
        env={"PROFILECLI_URL": "ftp://example.org"},
    ),
    CliCase(
        "ask-url-port-out-of-range",
        "cli ask",
        lambda s: ask("--url", "http://localhost:70000"),
        Expect(exit_code=2, problem=r"Port out of range", next_step=r"give e\.g\."),
    ),
    CliCase(
        "ask-url-with-password",
        "cli ask",
        lambda s: ask("--url", "http://admin:hunter2@localhost:4040"),
        Expect(
            exit_code=2,
            problem=r"must not carry credentials",
            next_step=r"PROFILECLI_TOKEN",
            forbidden=("hunter2",),
        ),
    ),
    CliCase(
        "ask-url-nothing-listens",
        "cli ask",
        lambda s: ask("--url", "http://127.0.0.1:9", "--repo", SERVICE, "--timeout", "1"),
        Expect(exit_code=10, problem=r"cannot reach Pyroscope", next_step=r"answer http"),
    ),
    CliCase(
        "ask-tenant-with-line-break",
        "cli ask",
        lambda s: ask("--url", "http://127.0.0.1:9", "--tenant", "a\nb", "--repo", SERVICE),
        Expect(exit_code=10, problem=r"tenant ID .* character", next_step=r"answer http"),
    ),
    CliCase(
        "ask-token-with-line-break",
        "cli ask",
        lambda s: ask("--url", "http://127.0.0.1:9", "--repo", SERVICE),
        Expect(
            exit_code=10,
            problem=r"PROFILECLI_TOKEN holds a line break",
            next_step=r"answer http",
            forbidden=("s3cr3t-line",),
        ),
        env={"PROFILECLI_TOKEN": "s3cr3t-line\nbreak"},
    ),
    CliCase(
        "ask-repo-5000-character-name",
        "cli ask",
        lambda s: on_demo("--repo", "/tmp/" + LONG),
        Expect(exit_code=2, problem=r"--repo.*" + TOO_LONG, next_step=SHORTER),
    ),
    CliCase(
        "ask-repo-over-path-max",
        "cli ask",
        lambda s: ask("--recording", DEMO, "--repo", str(s.work / DEEP)),
        Expect(exit_code=2, problem=r"--repo.*" + TOO_LONG, next_step=SHORTER),
    ),
    CliCase(
        "ask-repo-missing",
        "cli ask",
        lambda s: ask("--recording", DEMO, "--repo", str(s.work / "nope")),
        Expect(problem=r"--repo .* is not a directory", next_step=r"Point --repo"),
    ),
    CliCase(
        "ask-repo-is-a-file",
        "cli ask",
        lambda s: ask("--recording", DEMO, "--repo", str(files.DEMO_PROFILE)),
        Expect(problem=r"is not a directory", next_step=r"Point --repo"),
    ),
    CliCase(
        "ask-recording-5000-character-name",
        "cli ask",
        lambda s: ask("--recording", "/tmp/" + LONG, "--repo", SERVICE),
        Expect(exit_code=2, problem=r"--recording.*" + TOO_LONG, next_step=SHORTER),
    ),
    CliCase(
        "ask-recording-missing",
        "cli ask",
        lambda s: ask("--recording", str(s.work / "nope"), "--repo", SERVICE),
        Expect(problem=r"no recording at|not a directory", next_step=r"recording add|record"),
    ),
    CliCase(
        "ask-recording-not-json",
        "cli ask",
        lambda s: ask("--recording", _document(s, "{not json"), "--repo", SERVICE),
        Expect(problem=r"not valid JSON", next_step=r"recording add|record"),
    ),
    CliCase(
        "ask-recording-newer-version",
        "cli ask",
        lambda s: ask(
            "--recording",
            _document(s, '{"format": "profile-insights-recording", "version": 99}'),
            "--repo",
            SERVICE,
        ),
        Expect(problem=r"version 99", next_step=r"Upgrade profile-insights"),
    ),
    CliCase(
        "ask-recording-wrong-types",
        "cli ask",
        lambda s: ask(
            "--recording",
            _document(
                s,
                '{"format": "profile-insights-recording", "version": 1, "recorded_at": 5,'
                ' "series": "checkout"}',
            ),
            "--repo",
            SERVICE,
        ),
        Expect(problem=r"is malformed", next_step=r"recording add|record"),
    ),
    CliCase(
        "ask-recording-entry-escapes-with-dotdot",
        "cli ask",
        lambda s: ask("--recording", _entries(s, "../outside/pricing.go"), "--repo", SERVICE),
        Expect(problem=r"outside its directory", next_step=r"must be relative"),
    ),
    CliCase(
        "ask-recording-entry-absolute",
        "cli ask",
        lambda s: ask(
            "--recording", _entries(s, str(files.outside_file(s.root))), "--repo", SERVICE
        ),
        Expect(problem=r"outside its directory", next_step=r"must be relative"),
    ),
    CliCase(
        "ask-recording-entry-nul-byte",
        "cli ask",
        lambda s: ask("--recording", _entries(s, "profiles/a\u0000b.pb.gz"), "--repo", SERVICE),
        Expect(problem=r"NUL|null", next_step=r"recording\.json|recording add"),
    ),
    CliCase(
        "ask-recording-entry-5000-characters",
        "cli ask",
        lambda s: ask("--recording", _entries(s, "profiles/" + LONG), "--repo", SERVICE),
        Expect(problem=TOO_LONG, next_step=r"recording\.json|recording add"),
    ),
    CliCase(
        "ask-recording-entry-symlink-out",
        "cli ask",
        lambda s: ask("--recording", _symlinked_out(s), "--repo", SERVICE),
        Expect(problem=r"outside its directory", next_step=r"must be relative"),
    ),
    CliCase(
        "ask-recording-entry-fifo",
        "cli ask",
        lambda s: ask("--recording", _fifo_recording(s), "--repo", SERVICE),
        Expect(problem=r"not a regular file", next_step=r"Replace|remove"),
    ),
    CliCase(
        "ask-recording-entry-missing-file",
        "cli ask",
        lambda s: ask("--recording", _entries(s, "profiles/gone.pb.gz"), "--repo", SERVICE),
        Expect(problem=r"missing file", next_step=r"recording add|record"),
    ),
    *[
        CliCase(
            f"ask-profile-{name}",
            "cli ask",
            _ask_on(make),
            Expect(problem=reason, next_step=r"Replace .* or remove its entry"),
        )
        for name, (make, reason) in files.MALFORMED.items()
    ],
    CliCase(
        "ask-profile-gzip-bomb",
        "cli ask",
        lambda s: ask("--recording", _recording(s, files.gzip_bomb(256 << 20)), "--repo", SERVICE),
        Expect(problem=r"decompress", next_step=r"Replace .* or remove its entry"),
    ),
    CliCase(
        "ask-profile-all-zero",
        "cli ask",
        lambda s: ask("--recording", _recording(s, files.all_zero_profile()), "--repo", SERVICE),
        Expect(exit_code=0, problem=r"no .*data|empty", next_step=r"# Profile insights"),
    ),
    CliCase(
        "ask-frame-file-5000-characters",
        "cli ask",
        _frames_named("a/" * 2500 + "pricing.go"),
        REPORT,
    ),
    CliCase(
        "ask-frame-file-nul-byte",
        "cli ask",
        _frames_named("internal/pricing/\u0000pricing.go"),
        REPORT,
    ),
    CliCase(
        "ask-frame-file-dotdot",
        "cli ask",
        _frames_named(lambda s: files.climbing_to(files.outside_file(s.root))),
        Expect(
            exit_code=0,
            problem=r"# Profile insights",
            next_step=r"##",
            forbidden=(files.OUTSIDE_TEXT,),
        ),
    ),
    CliCase(
        "ask-frame-file-absolute-system-path",
        "cli ask",
        _frames_named(lambda s: str(files.outside_file(s.root))),
        Expect(
            exit_code=0,
            problem=r"# Profile insights",
            next_step=r"##",
            forbidden=(files.OUTSIDE_TEXT,),
        ),
    ),
    CliCase(
        "ask-function-name-with-markup",
        "cli ask",
        _ask_on(lambda: files.with_function_name(files.MARKUP_NAME)),
        Expect(exit_code=0, problem=files.MARKUP_SHOWN, next_step=r"## Summary"),
    ),
    CliCase(
        "ask-checkout-file-symlinked-out",
        "cli ask",
        lambda s: ask("--recording", DEMO, "--repo", _checkout_with_link_out(s)),
        Expect(
            exit_code=0,
            problem=r"# Profile insights",
            next_step=r"## Top hot functions",
            forbidden=("OUTSIDE-FILE-CONTENT",),
        ),
    ),
    CliCase(
        "ask-service-selector-injection",
        "cli ask",
        lambda s: on_demo("--service", 'checkout"} or {service_name=~".*'),
        Expect(problem=r"no service named", next_step=r"Pass one of them"),
    ),
    CliCase(
        "ask-service-shell-injection",
        "cli ask",
        lambda s: on_demo("--service", "$(touch pwned)`touch pwned2`"),
        Expect(problem=r"no service named", next_step=r"Pass one of them"),
    ),
    CliCase(
        "ask-profile-type-shell-injection",
        "cli ask",
        lambda s: on_demo("--profile-type", "a:b:c:d:e;touch pwned"),
        Expect(exit_code=0, problem=r"# Profile insights", next_step=r"no .*profile|never sent"),
    ),
]
