"""Which pprof-rs frames are the checkout's: its crates, from its Cargo.toml files.

pprof-rs names a frame by its file's base name and its module path
(``mod.rs:445 - tokio::runtime::task::UnownedTask::run``). Base names such as ``mod.rs``,
``lib.rs`` or ``time.rs`` are in nearly every Rust checkout, so a frame is the checkout's only
when its crate (the path's first element) is one the checkout builds, and the file found by
that base name defines the frame's function.
"""

from __future__ import annotations

import tomllib
from pathlib import PurePosixPath

from profile_insights.agent.code.checkout import CheckoutFiles
from profile_insights.agent.code.definitions import find_definition
from profile_insights.agent.code.models import Frame
from profile_insights.agent.code.reader import read_lines
from profile_insights.agent.errors import RepositoryAccessError


def crates_of(files: CheckoutFiles) -> frozenset[str]:
    """Return the names of the crates the checkout's Cargo.toml files build (``-`` as ``_``).

    A package's name and its ``[lib]`` and ``[[bin]]`` names (``src/bin/NAME.rs`` binaries are
    looked up by name when a frame names them).
    """
    names: set[str] = set()
    for rel in files.files_named("Cargo.toml"):
        try:
            manifest = tomllib.loads("\n".join(read_lines(files.root, rel)))
        except (RepositoryAccessError, tomllib.TOMLDecodeError):
            continue
        bins = manifest.get("bin")
        targets = [manifest.get("package"), manifest.get("lib")]
        targets += bins if isinstance(bins, list) else []
        for target in targets:
            if isinstance(target, dict) and isinstance(target.get("name"), str):
                names.add(target["name"].replace("-", "_"))
    return frozenset(names)


def _is_binary(files: CheckoutFiles, crate: str) -> bool:
    """Return whether ``src/bin/CRATE.rs`` or ``src/bin/CRATE/main.rs`` is in the checkout."""
    stem = crate.replace("_", "-")
    for rel in {*files.files_named(f"{crate}.rs"), *files.files_named(f"{stem}.rs")}:
        if PurePosixPath(rel).parent.name == "bin":
            return True
    return any(
        PurePosixPath(rel).parent.name in (crate, stem)
        and PurePosixPath(rel).parent.parent.name == "bin"
        for rel in files.files_named("main.rs")
    )


def locate_rust_frame(
    files: CheckoutFiles,
    frame: Frame,
    crates: frozenset[str],
    read: dict[str, list[str]],
) -> tuple[str | None, str]:
    """Return the checkout file of a pprof-rs frame named by base name, and how (or why not).

    Args:
        files: The checkout's files.
        frame: A Rust frame whose file is a base name (``main.rs``).
        crates: The checkout's crates (:func:`crates_of`); empty when it has no Cargo.toml.
        read: Lines of the files read so far, by repo path (filled here): a profile has many
            frames in files of one name.
    """
    base = (frame.file or "").rsplit("/", 1)[-1]
    modules = [part for part in frame.package.split("::") if part]
    crate = modules[0] if modules else ""
    if crate and crates and crate not in crates and not _is_binary(files, crate):
        shown = ", ".join(sorted(crates)[:5])
        return None, f"crate {crate} is not built by this checkout (its crates: {shown})"
    # The module path names the file's directories: server::handlers::find is in
    # src/handlers.rs or src/handlers/mod.rs.
    hints = [module.lower() for module in modules[1:]]
    found = files.prefer_service(files.files_named(base))
    found.sort(key=lambda rel: -sum(hint in rel.lower()[:-3].split("/") for hint in hints))
    for rel in found:
        try:
            if not files.existing(rel):
                continue
            lines = read[rel] if rel in read else read.setdefault(rel, read_lines(files.root, rel))
        except RepositoryAccessError:
            continue
        if find_definition(lines, frame) is not None:
            return rel, f"{base} defining fn {frame.name}" + (f" of crate {crate}" if crate else "")
    if found:
        return None, f"no file named {base} defines fn {frame.name}"
    return None, ""
