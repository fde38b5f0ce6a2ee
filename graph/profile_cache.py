"""The fetched profile, kept out of the checkpoints: a file cache named by the bytes' SHA-256.

Profiles are megabytes; checkpoints must stay a few KB, and a thread may be resumed by another
process, on another machine, whose cache does not have the file. So the fetch step writes the
bytes to ``Context.cache_dir`` under their digest and the state keeps the digest and the query
that fetched them (selector, profile type, start, end: ``profile_query``). The steps after it
ask :func:`cached_profile`: the decoded profile of this process, else the cached file (the
thread's own path, else this context's cache), else the same query run again, whose answer
must have the same digest; a comparison's baseline likewise (:func:`cached_baseline`, by
``baseline_query``). Point ``cache_dir`` of many workers at one shared directory to fetch each
profile once.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from profile_insights.agent.errors import ProfileFormatError
from profile_insights.agent.profiles.decoded import DecodedProfile, decoded_file, kept
from profile_insights.graph.context import Context
from profile_insights.graph.progress import emit
from profile_insights.graph.sources import source_of
from profile_insights.graph.state import ProfileQuery, State


def cache_path(cache_dir: Path, digest: str) -> Path:
    """Return where the profile with SHA-256 ``digest`` is cached."""
    return cache_dir / f"{digest[:32]}.pb.gz"


def store_profile(cache_dir: Path, data: bytes) -> tuple[Path, str]:
    """Write profile bytes to the cache under their digest (atomically); return path, digest."""
    digest = hashlib.sha256(data).hexdigest()
    path = cache_path(cache_dir, digest)
    if not path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{digest[:8]}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    return path, digest


def _local_file(
    state: State,
    context: Context,
    *,
    which: str,
    found: tuple[str | None, str | None, ProfileQuery | None],
) -> Path:
    """Return a local file holding ``found``'s profile (digest, recorded path, query)."""
    digest, recorded, query = found
    if not digest:
        raise ProfileFormatError(f"this thread has no fetched {which}", "Ask the question again.")
    for candidate in (
        Path(recorded) if recorded else None,
        cache_path(context.profiles_dir(), digest),
    ):
        if candidate is not None and candidate.is_file():
            return candidate
    if not query:
        raise ProfileFormatError(
            f"the {which} of this thread ({digest[:12]}) is not in the cache "
            f"{context.profiles_dir()}, and the thread did not record the query that fetched it",
            "Ask the question again.",
        )
    step = "fetch_baseline" if which == "baseline" else "fetch_profile"
    emit(step, f"{which} {digest[:12]} is not cached here; fetching it again")
    merged = source_of(state, context).merge_profile(
        query["selector"],
        query["profile_type"],
        datetime.fromisoformat(query["start"]),
        datetime.fromisoformat(query["end"]),
    )
    if hashlib.sha256(merged.data).hexdigest() != digest:
        raise ProfileFormatError(
            f"the {which} fetched again for {query['start']}..{query['end']} is not the one "
            "this thread analysed: the server's data for that window changed",
            "Ask the question again to analyse the data as it is now.",
        )
    return store_profile(context.profiles_dir(), merged.data)[0]


def profile_file(state: State, context: Context) -> Path:
    """Return a local file holding the thread's profile, fetching it again when none has it.

    Raises:
        ProfileFormatError: the thread fetched no profile, or the profile fetched again is not
            the one the thread analysed (the server's data for that window changed).
    """
    found = (state.get("profile_digest"), state.get("profile_path"), state.get("profile_query"))
    return _local_file(state, context, which="profile", found=found)


def cached_profile(state: State, context: Context) -> DecodedProfile:
    """Return the thread's profile, decoded once per process (see :func:`profile_file`)."""
    digest = state.get("profile_digest")
    found = kept(digest) if digest else None
    if found is not None:
        return found
    return decoded_file(profile_file(state, context), digest=digest)


def cached_baseline(state: State, context: Context) -> DecodedProfile:
    """Return a comparison's baseline profile, fetched again by its query when not cached here.

    Raises:
        ProfileFormatError: the thread fetched no baseline, or the one fetched again differs.
    """
    digest = state.get("baseline_digest")
    found = kept(digest) if digest else None
    if found is not None:
        return found
    recorded = (digest, state.get("baseline_path"), state.get("baseline_query"))
    path = _local_file(state, context, which="baseline", found=recorded)
    return decoded_file(path, digest=digest)
