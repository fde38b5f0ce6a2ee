"""Hostile files given to ``top``, ``map`` and ``recording add``: broken, huge, odd and linked."""

from __future__ import annotations

import os
from collections.abc import Callable

from tests.hostile import files
from tests.hostile.cli import DEEP, LONG, CliCase
from tests.hostile.conftest import Sandbox
from tests.hostile.harness import Expect

SERVICE = str(files.DEMO_SERVICE)
PPROF_HINT = r"Check that the file is a pprof|Check the path"
ADD = ["recording", "add"]
TYPE = ["--profile-type", files.CPU]
LABEL = ["--label", "service_name=checkout"]


def _file(sandbox: Sandbox, data: bytes, name: str = "profile.pb.gz") -> str:
    return str(files.write(sandbox.work / name, data))


def _fifo(sandbox: Sandbox) -> str:
    path = sandbox.work / "pipe.pb.gz"
    os.mkfifo(path)
    return str(path)


def _linked_checkout(sandbox: Sandbox) -> str:
    repo = files.checkout(sandbox.root / "repo")
    outside = files.write(sandbox.root / "outside/pricing.go", "OUTSIDE-FILE-CONTENT\n" * 80)
    target = repo / "internal/pricing/pricing.go"
    target.unlink()
    target.symlink_to(outside)
    return str(repo)


def _add(sandbox: Sandbox, profile: str, *options: str) -> list[str]:
    return [*ADD, str(sandbox.work / "rec"), "--profile", profile, *TYPE, *options]


def _top_of(make: Callable[[], bytes]) -> Callable[[Sandbox], list[str]]:
    return lambda sandbox: ["top", _file(sandbox, make())]


def _add_of(make: Callable[[], bytes]) -> Callable[[Sandbox], list[str]]:
    return lambda sandbox: _add(sandbox, _file(sandbox, make()), *LABEL)


TOP: list[CliCase] = [
    *[
        CliCase(
            f"top-{name}",
            "cli top",
            _top_of(make),
            Expect(problem=reason, next_step=PPROF_HINT),
        )
        for name, (make, reason) in files.MALFORMED.items()
    ],
    CliCase(
        "top-gzip-bomb",
        "cli top",
        lambda s: ["top", _file(s, files.gzip_bomb(256 << 20))],
        Expect(problem=r"decompress", next_step=r"export the profile again"),
    ),
    CliCase(
        "top-no-sample-types",
        "cli top",
        lambda s: ["top", _file(s, files.no_sample_types_profile())],
        Expect(problem=r"no samples", next_step=r"export it again"),
    ),
    CliCase(
        "top-empty-file",
        "cli top",
        lambda s: ["top", _file(s, b"")],
        Expect(problem=r"empty input file", next_step=PPROF_HINT),
    ),
    CliCase(
        "top-missing-file",
        "cli top",
        lambda s: ["top", str(s.work / "nope.pb.gz")],
        Expect(problem=r"cannot read the file", next_step=r"Check the path"),
    ),
    CliCase(
        "top-a-directory",
        "cli top",
        lambda s: ["top", str(s.work)],
        Expect(problem=r"not a regular file|directory", next_step=r"Check the path|pprof file"),
    ),
    CliCase(
        "top-a-fifo",
        "cli top",
        lambda s: ["top", _fifo(s)],
        Expect(problem=r"not a regular file", next_step=r"Check the path|pprof file"),
    ),
    CliCase(
        "top-5000-character-name",
        "cli top",
        lambda s: ["top", "/tmp/" + LONG],
        Expect(problem=r"too long", next_step=r"Check the path|shorter"),
    ),
    CliCase(
        "top-over-path-max",
        "cli top",
        lambda s: ["top", str(s.work / DEEP)],
        Expect(problem=r"too long", next_step=r"Check the path|shorter"),
    ),
    CliCase(
        "top-unknown-sample-index",
        "cli top",
        lambda s: ["top", str(files.DEMO_PROFILE), "--sample-index", "bytes"],
        Expect(problem=r"sample index|sample type", next_step=r"cpu|samples|one of"),
    ),
    CliCase(
        "top-sample-index-out-of-range",
        "cli top",
        lambda s: ["top", str(files.DEMO_PROFILE), "--sample-index", "99"],
        Expect(problem=r"sample.index 99", next_step=r"listed sample types"),
    ),
    CliCase(
        "top-function-name-with-markup",
        "cli top",
        lambda s: ["top", _file(s, files.with_function_name(files.MARKUP_NAME))],
        Expect(exit_code=0, problem=r"\[/bold\]evil", next_step=r"flat%"),
    ),
    CliCase(
        "top-frame-file-5000-characters",
        "cli top",
        lambda s: ["top", _file(s, files.with_file_name("a/" * 2500 + "x.go")), "--lines"],
        Expect(exit_code=0, problem=r"flat%", next_step=r"cum%"),
    ),
]

MAP: list[CliCase] = [
    CliCase(
        "map-function-name-with-markup",
        "cli map",
        lambda s: [
            "map",
            _file(s, files.with_function_name(files.MARKUP_NAME)),
            "--repo",
            SERVICE,
        ],
        Expect(exit_code=0, problem=files.MARKUP_SHOWN, next_step=r"git:"),
    ),
    CliCase(
        "map-frame-file-5000-characters",
        "cli map",
        lambda s: ["map", _file(s, files.with_file_name("a/" * 2500 + "x.go")), "--repo", SERVICE],
        Expect(exit_code=0, problem=r"cum%", next_step=r"git:"),
    ),
    CliCase(
        "map-frame-file-name-over-255",
        "cli map",
        lambda s: ["map", _file(s, files.with_file_name("x" * 300 + ".go")), "--repo", SERVICE],
        Expect(exit_code=0, problem=r"cum%", next_step=r"git:"),
    ),
    CliCase(
        "map-frame-file-nul-byte",
        "cli map",
        lambda s: ["map", _file(s, files.with_file_name("internal/\u0000x.go")), "--repo", SERVICE],
        Expect(exit_code=0, problem=r"cum%", next_step=r"git:"),
    ),
    CliCase(
        "map-frame-file-dotdot",
        "cli map",
        lambda s: [
            "map",
            _file(s, files.with_file_name(files.climbing_to(files.outside_file(s.root)))),
            "--repo",
            SERVICE,
            "--json",
        ],
        Expect(
            exit_code=0,
            problem=r'"matches"',
            next_step=r'"git"',
            forbidden=(files.OUTSIDE_TEXT,),
        ),
    ),
    CliCase(
        "map-checkout-file-symlinked-out",
        "cli map",
        lambda s: ["map", str(files.DEMO_PROFILE), "--repo", _linked_checkout(s), "--json"],
        Expect(
            exit_code=0,
            problem=r'"matches"',
            next_step=r'"git"',
            forbidden=("OUTSIDE-FILE-CONTENT",),
        ),
    ),
    CliCase(
        "map-repo-5000-character-name",
        "cli map",
        lambda s: ["map", str(files.DEMO_PROFILE), "--repo", "/tmp/" + LONG],
        Expect(exit_code=2, problem=r"--repo.*(too long|cannot exist)", next_step=r"shorter|give"),
    ),
    CliCase(
        "map-repo-missing",
        "cli map",
        lambda s: ["map", str(files.DEMO_PROFILE), "--repo", str(s.work / "nope")],
        Expect(problem=r"is not a directory", next_step=r"--repo"),
    ),
    CliCase(
        "map-service-root-dotdot",
        "cli map",
        lambda s: ["map", str(files.DEMO_PROFILE), "--repo", SERVICE, "--service-root", "../../.."],
        Expect(exit_code=0, problem=r"cum%", next_step=r"git:"),
    ),
    CliCase(
        "map-concatenated-profile",
        "cli map",
        lambda s: ["map", _file(s, files.MALFORMED["concatenated"][0]()), "--repo", SERVICE],
        Expect(problem=r"concatenated profiles", next_step=PPROF_HINT),
    ),
]

RECORDING_ADD: list[CliCase] = [
    *[
        CliCase(
            f"recording-add-{name}",
            "cli recording add",
            _add_of(make),
            Expect(problem=reason, next_step=PPROF_HINT),
        )
        for name, (make, reason) in files.MALFORMED.items()
    ],
    CliCase(
        "recording-add-gzip-bomb",
        "cli recording add",
        lambda s: _add(s, _file(s, files.gzip_bomb(256 << 20)), *LABEL),
        Expect(problem=r"decompress", next_step=r"export the profile again"),
    ),
    CliCase(
        "recording-add-fifo",
        "cli recording add",
        lambda s: _add(s, _fifo(s), *LABEL),
        Expect(problem=r"not a regular file", next_step=r"pprof file|Check the path"),
    ),
    CliCase(
        "recording-add-missing-profile",
        "cli recording add",
        lambda s: _add(s, str(s.work / "nope.pb.gz"), *LABEL),
        Expect(problem=r"no such profile file", next_step=r"existing pprof file"),
    ),
    CliCase(
        "recording-add-directory-5000-characters",
        "cli recording add",
        lambda s: [*ADD, "/tmp/" + LONG, "--profile", str(files.DEMO_PROFILE), *TYPE, *LABEL],
        Expect(exit_code=2, problem=r"(too long|cannot exist)", next_step=r"shorter|give"),
    ),
    CliCase(
        "recording-add-label-without-equals",
        "cli recording add",
        lambda s: _add(s, str(files.DEMO_PROFILE), "--label", "service_name"),
        Expect(problem=r"cannot read the label", next_step=r"--label service_name="),
    ),
    CliCase(
        "recording-add-no-service-name",
        "cli recording add",
        lambda s: _add(s, str(files.DEMO_PROFILE), "--label", "env=prod"),
        Expect(problem=r"needs a service_name", next_step=r"--label service_name=NAME"),
    ),
    CliCase(
        "recording-add-profile-type-malformed",
        "cli recording add",
        lambda s: [
            *ADD,
            str(s.work / "rec"),
            "--profile",
            str(files.DEMO_PROFILE),
            "--profile-type",
            "cpu",
            *LABEL,
        ],
        Expect(problem=r"not a profile type ID", next_step=r"NAME:SAMPLE_TYPE"),
    ),
    CliCase(
        "recording-add-sample-type-absent",
        "cli recording add",
        lambda s: [
            *ADD,
            str(s.work / "rec"),
            "--profile",
            str(files.DEMO_PROFILE),
            "--profile-type",
            "memory:inuse_space:bytes:space:bytes",
            *LABEL,
        ],
        Expect(problem=r"has no sample type inuse_space", next_step=r"Pick a profile type"),
    ),
    CliCase(
        "recording-add-ago-before-year-one",
        "cli recording add",
        lambda s: _add(s, str(files.DEMO_PROFILE), *LABEL, "--ago", "999999999h"),
        Expect(problem=r"before year 1|too far|duration", next_step=r"shorter|Use"),
    ),
    CliCase(
        "recording-add-start-garbage",
        "cli recording add",
        lambda s: _add(s, str(files.DEMO_PROFILE), *LABEL, "--start", "garbage"),
        Expect(problem=r"could not read the time", next_step=r"Use now"),
    ),
    CliCase(
        "recording-add-into-damaged-recording",
        "cli recording add",
        lambda s: [
            *ADD,
            str(files.recording(s.work / "rec", document="[1, 2, 3]")),
            "--profile",
            str(files.DEMO_PROFILE),
            *TYPE,
            *LABEL,
        ],
        Expect(problem=r"not a profile-insights recording", next_step=r"format"),
    ),
    CliCase(
        "recording-add-service-name-path-traversal",
        "cli recording add",
        lambda s: _add(s, str(files.DEMO_PROFILE), "--label", "service_name=../../../../x"),
        Expect(exit_code=0, problem=r"Added profiles/", next_step=r"service_name"),
    ),
]
