"""The knowledge base: what hot runtime and library frames mean, and what usually fixes them.

The data lives in ``knowledge_base/<language>.yaml`` (package data), validated by pydantic on
first use and cached; :data:`LOAD_ORDER` is the order entries are tried in (the first match
wins, so specific entries come before general ones). :func:`lookup` answers "what is this
frame?" (``runtime.mallocgc`` -> allocation pressure); :func:`classify_problem` sums a table's
known frames into problem kinds;
:func:`kind_for_profile_type` says what a profile type measures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from profile_insights.agent.analysis.models import ProblemKind
from profile_insights.agent.code.frame_names import parse_frame
from profile_insights.agent.errors import ConfigurationError
from profile_insights.agent.profiles.table import TopRow

KnowledgeLanguage = Literal[
    "go", "python", "java", "nodejs", "ruby", "rust", "dotnet", "cpp", "any"
]
ProfileFamily = Literal["cpu", "wall", "alloc", "inuse", "mutex", "block", "goroutine", "exception"]
"""What a profile measures, as knowledge entries name it (see :func:`profile_family`)."""

#: libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The files of the base, in the order their entries are tried.
LOAD_ORDER: tuple[str, ...] = (
    "go", "java", "dotnet", "cpp", "rust", "python", "nodejs", "any", "ruby"
)  # fmt: skip

# JVM and CLR internals are C++ frames (G1ParScanThreadState::..., WKS::gc_heap::...), so a
# frame that looks like C++ may be explained by those languages' entries too.
_RELATED_LANGUAGES: dict[str, frozenset[str]] = {
    "cpp": frozenset({"cpp", "java", "dotnet", "rust"}),
}


class KnowledgeEntry(BaseModel):
    """One kind of frame: how to recognise it, what it means, what usually fixes it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    language: KnowledgeLanguage
    kind: ProblemKind
    prefixes: tuple[str, ...] = Field(default=(), description="Function name starts with one.")
    regex: str | None = Field(default=None, description="re.search on the function name.")
    file_regex: str | None = Field(default=None, description="re.search on the file name.")
    title: str = Field(min_length=4, max_length=70, description="A finding's title for it.")
    profile_types: tuple[ProfileFamily, ...] = Field(
        min_length=1, description="The profile types that can show this cost."
    )
    meaning: str = Field(min_length=10)
    remedy: str = Field(min_length=10)

    @model_validator(mode="after")
    def _has_a_rule(self) -> KnowledgeEntry:
        """Refuse entries that match nothing, and regexes that do not compile."""
        if not (self.prefixes or self.regex or self.file_regex):
            raise ValueError(f"entry {self.id} has no prefixes, regex or file_regex")
        for pattern in (self.regex, self.file_regex):
            if pattern is not None:
                try:
                    re.compile(pattern)
                except re.error as error:
                    raise ValueError(f"entry {self.id}: bad regex {pattern!r}: {error}") from error
        return self

    @cached_property
    def _function_re(self) -> re.Pattern[str] | None:
        return re.compile(self.regex) if self.regex else None

    @cached_property
    def _file_re(self) -> re.Pattern[str] | None:
        return re.compile(self.file_regex) if self.file_regex else None

    def matches(self, function: str, file: str | None) -> bool:
        """Return True when the frame (bare function name, file) is this entry's kind."""
        function_rule = bool(self.prefixes or self._function_re)
        function_ok = function.startswith(self.prefixes) if self.prefixes else False
        if not function_ok and self._function_re is not None:
            function_ok = bool(self._function_re.search(function))
        file_ok = bool(file and self._file_re and self._file_re.search(file))
        if function_rule and self._file_re is not None:
            return function_ok and file_ok
        return function_ok if function_rule else file_ok


class KnowledgeBase(BaseModel):
    """The validated contents of knowledge.yaml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    entries: tuple[KnowledgeEntry, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> KnowledgeBase:
        """Refuse duplicate entry ids."""
        ids = [e.id for e in self.entries]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate knowledge entry ids: {duplicates}")
        return self


class KnowledgeFile(BaseModel):
    """One language's file of the base."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    language: KnowledgeLanguage
    entries: tuple[KnowledgeEntry, ...]


def parse_knowledge(texts: Sequence[str]) -> KnowledgeBase:
    """Return the knowledge base described by YAML documents (one per language, in order).

    Raises:
        ConfigurationError: A document is malformed or an entry is invalid.
    """
    try:
        files = [KnowledgeFile.model_validate(yaml.load(text, Loader=_LOADER)) for text in texts]
        return KnowledgeBase(
            version=max((f.version for f in files), default=1),
            entries=tuple(entry for f in files for entry in f.entries),
        )
    except (yaml.YAMLError, ValidationError) as error:
        raise ConfigurationError(
            f"The knowledge base is invalid: {error}",
            "Fix agent/analysis/knowledge_base/*.yaml.",
        ) from error


@cache
def load_knowledge() -> KnowledgeBase:
    """Return the packaged knowledge base (read and validated once)."""
    folder = resources.files(__package__).joinpath("knowledge_base")
    texts = [
        folder.joinpath(f"{name}.yaml").read_text(encoding="utf-8")
        for name in LOAD_ORDER
        if folder.joinpath(f"{name}.yaml").is_file()
    ]
    return parse_knowledge(texts)


class _Index:
    """Where to look in a knowledge base: entries by name prefix, and the rest in order."""

    def __init__(self, entries: Sequence[KnowledgeEntry]) -> None:
        self.entries = entries
        self.by_prefix: dict[str, list[int]] = {}
        self.others: dict[str, list[int]] = {}
        for position, entry in enumerate(entries):
            if entry.prefixes and entry.regex is None and entry.file_regex is None:
                for prefix in entry.prefixes:
                    self.by_prefix.setdefault(prefix, []).append(position)
            else:
                self.others.setdefault(entry.language, []).append(position)
        self.longest = max((len(prefix) for prefix in self.by_prefix), default=0)

    def candidates(self, names: Sequence[str], languages: frozenset[str] | None) -> list[int]:
        """Return the positions of the entries that may match one of ``names``, in order.

        ``languages`` None means every language (a frame whose language is unknown).
        """
        found: set[int] = set()
        for language, positions in self.others.items():
            if languages is None or language == "any" or language in languages:
                found.update(positions)
        for name in names:
            for end in range(1, min(len(name), self.longest) + 1):
                found.update(self.by_prefix.get(name[:end], ()))
        return sorted(found)


#: Indexes and answers per knowledge base, by identity: hashing a frozen model would hash all
#: of its entries on every look-up.
_BASES: dict[int, tuple[KnowledgeBase, _Index]] = {}


def _index(base: KnowledgeBase) -> _Index:
    found = _BASES.get(id(base))
    if found is None or found[0] is not base:
        found = (base, _Index(base.entries))
        _BASES[id(base)] = found
    return found[1]


def lookup(
    function: str, file: str | None = None, *, knowledge: KnowledgeBase | None = None
) -> KnowledgeEntry | None:
    """Return what the knowledge base says about a frame, or None for an unknown frame.

    Args:
        function: The function name as pprof prints it (``runtime.mallocgc``,
            ``json/decoder.py:-1 - raw_decode``, ``java/util/concurrent/locks/...``).
        file: The frame's source file, when known.
        knowledge: A knowledge base to use instead of the packaged one.
    """
    base = knowledge or load_knowledge()
    _index(base)
    return _lookup(function, file, id(base))


@lru_cache(maxsize=65536)
def _lookup(function: str, file: str | None, base_id: int) -> KnowledgeEntry | None:
    base, index = _BASES[base_id]
    frame = parse_frame(function, file)
    # Entries match the name without Pyroscope's "file.py:LINE - " (Python, Ruby, Rust) and,
    # for Node.js, the whole "FILE:FUNC:LINE" name, which is how they are written.
    language = frame.language
    bare = function if language == "nodejs" else frame.display
    allowed = _RELATED_LANGUAGES.get(language, frozenset({language}))
    for position in index.candidates((bare, function), None if language == "unknown" else allowed):
        entry = base.entries[position]
        if language != "unknown" and entry.language != "any" and entry.language not in allowed:
            continue
        if entry.matches(bare, frame.file) or (bare != function and entry.matches(function, None)):
            return entry
    return None


def cost_label(function: str, file: str | None = None) -> str | None:
    """Return the id of the entry that says what a frame costs, for the ownership of samples.

    None for a frame the base does not know, and for the profiler's own frames (pprof-rs's
    unwinding below every sample, an SDK's wrappers): they are measurement, never what the
    code above them spends its time on.
    """
    if parse_frame(function, file).origin == "profiler":
        return None
    entry = lookup(function, file)
    return entry.id if entry is not None else None


class ProblemSignal(BaseModel):
    """Known frames of one problem kind in a table, with how much they weigh."""

    kind: ProblemKind
    flat_pct: float = Field(description="Sum of flat% of the matching rows.")
    max_cum_pct: float = Field(description="Largest cum% among the matching rows.")
    entries: list[str] = Field(description="Ids of the knowledge entries that matched.")
    functions: list[str] = Field(description="Matching functions, heaviest first.")


def classify_problem(
    rows: Sequence[TopRow],
    *,
    min_pct: float = 1.0,
    knowledge: KnowledgeBase | None = None,
) -> list[ProblemSignal]:
    """Return the problem kinds that known frames of a table point to, strongest first.

    A kind is reported when its rows' summed flat% reaches ``min_pct``. Rows are counted once
    each (a function hot on several lines adds up).
    """
    signals: dict[str, ProblemSignal] = {}
    for row in rows:
        entry = lookup(row.function, row.file, knowledge=knowledge)
        if entry is None:
            continue
        signal = signals.get(entry.kind)
        if signal is None:
            signal = ProblemSignal(
                kind=entry.kind, flat_pct=0.0, max_cum_pct=0.0, entries=[], functions=[]
            )
            signals[entry.kind] = signal
        signal.flat_pct += row.flat_pct
        signal.max_cum_pct = max(signal.max_cum_pct, row.cum_pct)
        if entry.id not in signal.entries:
            signal.entries.append(entry.id)
        if row.function not in signal.functions:
            signal.functions.append(row.function)
    # Strength is self time: the cum of an outer library frame (a server loop) covers the
    # whole program, while the flat of all matching frames together is what they cost.
    strong = [s for s in signals.values() if s.flat_pct >= min_pct]
    return sorted(strong, key=lambda s: (-s.flat_pct, s.kind))


# What a profile measures, by Pyroscope profile type name or pprof sample type.
_PROFILE_KINDS: tuple[tuple[str, ProblemKind], ...] = (
    ("inuse", "retained_memory"),
    ("live", "retained_memory"),
    ("alloc", "allocation_pressure"),
    ("memory", "allocation_pressure"),
    ("goroutine", "goroutine_leak"),
    ("block", "channel_blocking"),  # before "lock", which it contains
    ("mutex", "lock_contention"),
    ("lock", "lock_contention"),
    ("contention", "lock_contention"),
    ("delay", "lock_contention"),
    ("exception", "other"),
    ("wall", "io_wait"),
    ("cpu", "cpu_hotspot"),
    ("sample", "cpu_hotspot"),
)


def kind_for_profile_type(profile_type: str) -> ProblemKind:
    """Return the problem family a profile type measures.

    Accepts a Pyroscope ID (``memory:alloc_space:bytes:space:bytes``,
    ``block:delay:nanoseconds:contentions:count``) or a bare sample type (``inuse_space``).
    The profile name decides first (block delay is blocking, mutex delay is contention),
    then the sample type.
    """
    parts = profile_type.lower().split(":")
    name, sample = (parts[0], parts[1]) if len(parts) > 1 else ("", parts[0])
    for part in (
        (name, sample)
        if name in ("block", "mutex", "goroutine", "goroutines")
        else (
            sample,
            name,
        )
    ):
        for needle, kind in _PROFILE_KINDS:
            if part and needle in part:
                return kind
    return "other"


def entry_by_id(entry_id: str, *, knowledge: KnowledgeBase | None = None) -> KnowledgeEntry | None:
    """Return the entry with this id, or None."""
    base = knowledge or load_knowledge()
    return next((entry for entry in base.entries if entry.id == entry_id), None)


_FAMILIES: tuple[tuple[str, ProfileFamily], ...] = (
    ("inuse", "inuse"),
    ("live", "inuse"),
    ("alloc", "alloc"),
    ("goroutine", "goroutine"),
    ("wall", "wall"),
    ("exception", "exception"),
)


def profile_family(profile_type: str) -> ProfileFamily:
    """Return what a profile type measures, in the words knowledge entries use.

    Accepts a Pyroscope ID (``mutex:delay:nanoseconds:mutex:count``) or a bare sample type; the
    profile name decides first (block and mutex delays are both "delay").
    """
    parts = profile_type.lower().split(":")
    name, sample = (parts[0], parts[1]) if len(parts) > 1 else ("", parts[0])
    if name.startswith("block"):
        return "block"
    if name.startswith(("mutex", "lock")) or sample in ("contentions", "lock_time", "lock_count"):
        return "mutex"
    if sample == "cpu":
        # Node.js with collectCpuTime sends CPU time inside its wall profile (wall:cpu:...).
        return "cpu"
    for needle, family in _FAMILIES:
        if needle in sample or needle in name:
            return family
    if sample == "delay":
        return "mutex"
    return "cpu"
