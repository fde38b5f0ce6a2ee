"""Code patterns: what a hot source line usually means, read from the line itself.

The deterministic analyst looks for these on the hottest lines of the checkout (a regular
expression compiled on every call, a string built with ``+=`` in a loop, a lock taken, ...).
A pattern applies only where the profile type can show it: a mutex profile measures waiting,
so "formats a string here" says nothing about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import get_args

from profile_insights.agent.analysis.models import ProblemKind
from profile_insights.agent.code.models import SourceMatch


@dataclass(frozen=True)
class CodePattern:
    """A pattern on a hot source line and what it usually means."""

    regex: re.Pattern[str]
    kind: ProblemKind
    what: str
    fix: str
    fixes: tuple[tuple[str, str], ...] = ()
    """(language, fix) where the language has its own idiom for ``fix``."""

    def fix_for(self, language: str) -> str:
        """Return the fix in the idiom of ``language`` (a SourceMatch language), if it has one."""
        return dict(self.fixes).get(language, self.fix)


# Checked in order on the hot line itself; the first that matches explains it.
CODE_PATTERNS: tuple[CodePattern, ...] = (
    CodePattern(
        re.compile(r"\b\w+(\.\w+)*\s*\+=\s*.*(\"|'|\+)"),
        "allocation_pressure",
        "builds a string with `+=` in a loop: every step copies the whole string so far "
        "(quadratic bytes allocated)",
        "Build the result once with strings.Builder (Go, with Grow) or ''.join(parts) "
        "(Python) / StringBuilder (Java) instead of repeated concatenation.",
    ),
    CodePattern(
        re.compile(r"json\.(Unmarshal|Marshal|NewDecoder|NewEncoder|loads|dumps|load|dump)\b"),
        "serialization",
        "encodes or decodes JSON on the hot path",
        "Avoid the JSON round trip per request: decode into a typed struct once, cache the "
        "encoded document, or patch only the fields that change instead of going through "
        "map[string]interface{}.",
    ),
    CodePattern(
        re.compile(r"(regexp\.(MustCompile|Compile)|re\.compile|Pattern\.compile)\("),
        "cpu_hotspot",
        "compiles a regular expression on every call",
        "Compile the expression once (a package-level variable) and reuse it.",
        (
            (
                "python",
                "Compile the expression once at module level (PATTERN = "
                "re.compile(...)) and reuse it.",
            ),
            ("java", "Compile the Pattern once into a static final field and reuse it."),
        ),
    ),
    CodePattern(
        re.compile(
            r"\btemplate\.(Must|New)\(.*\.Parse|\btemplate\.Parse(Files|Glob|FS)\("
            r"|\b\w*(tmpl|tpl|[Tt]emplate)\w*\.Parse(Files|Glob|FS)?\("
        ),
        "cpu_hotspot",
        "parses a template on every call",
        "Parse the template once (a package-level template.Must(...)) and only Execute it "
        "per call.",
    ),
    CodePattern(
        re.compile(
            r"\bsort\.(Slice|SliceStable|Sort|Stable|Strings|Ints|Float64s)\(|\bslices\.Sort"
            r"|\bsorted\(|\.sort\(|\b(Collections|Arrays)\.sort\("
        ),
        "cpu_hotspot",
        "sorts the whole collection on every call (n log n comparisons each time)",
        "Keep the data sorted as it changes (insert in place, or a sorted index), sort once "
        "and reuse the order, or use a heap / partial selection when only the top entries "
        "or one rank are needed.",
    ),
    CodePattern(
        re.compile(r"\b(sha1|sha256|sha512|md5|crc32|crc64|fnv|hmac|blake2b)\.\w+\(|hashlib\."),
        "cpu_hotspot",
        "hashes the data on every call (the cost grows with every byte hashed)",
        "Compute the digest once, when the data is written or changes, and keep it beside "
        "the data; or hash less (a version counter or the size and modification time).",
    ),
    CodePattern(
        re.compile(r"\brand\.(NewSource|Seed)\("),
        "cpu_hotspot",
        "creates and seeds a random source on every call (seeding fills a 607-word state)",
        "Create the source once (per goroutine, or shared behind a lock) and reuse it, or use "
        "the package-level rand functions.",
    ),
    CodePattern(
        re.compile(r"\b(debug\.(Stack|PrintStack)|runtime\.(Stack|Callers))\("),
        "cpu_hotspot",
        "captures the call stack on every call",
        "Capture stacks only where they are read (panics, rare errors), or keep raw program "
        "counters (runtime.Callers) and symbolise them lazily.",
    ),
    CodePattern(
        re.compile(r"fmt\.Sprint|strconv\.|String\.format|f\""),
        "allocation_pressure",
        "formats strings on the hot path, allocating each time",
        "Format once and reuse, or append into a reused buffer (strconv.Append*).",
        (
            (
                "python",
                "Format once and reuse the text, or build it lazily only where it is "
                "read (logging's %-style arguments, a cached key).",
            ),
            (
                "nodejs",
                "Build the string once and reuse it, or keep the parts as values (a "
                "Map keyed by them) instead of formatting a new string per call.",
            ),
            (
                "java",
                "Format once and reuse, or append into one StringBuilder; avoid "
                "String.format in hot loops.",
            ),
            (
                "dotnet",
                "Format once and reuse, or use interpolated handlers / a pooled StringBuilder.",
            ),
        ),
    ),
    CodePattern(
        # Go and Python (mu.Lock(), with lock:), Java/Scala/Kotlin monitors and locks
        # (synchronized, lock.lock()), Ruby (mutex.synchronize), C# (lock (x),
        # Monitor.Enter), Rust (mutex.lock()).
        re.compile(
            r"\.(R)?Lock\(\)|with\s+[\w.]*lock|\bsynchronized\b|\.synchronize\b"
            r"|^\s*lock\s*\(|\.(lock|lockInterruptibly)\(\)|\bMonitor\.(Try)?Enter\("
        ),
        "lock_contention",
        "takes a lock that other goroutines/threads wait for",
        "Hold the lock for less time (move work outside it), shard the protected data, or "
        "use a read-write lock (sync.RWMutex, ReentrantReadWriteLock, ReaderWriterLockSlim, "
        "RwLock) or atomic values for read-mostly data.",
    ),
    CodePattern(
        re.compile(r"<-|\bchan\b|\.get\(\)|\.put\("),
        "channel_blocking",
        "sends to or receives from a channel/queue and waits for the other side",
        "Buffer the channel, add consumers, or stop blocking on it in the request path.",
    ),
    CodePattern(
        re.compile(r"gzip|flate|zlib|zstd|snappy"),
        "compression",
        "compresses or decompresses data",
        "Use a faster compression level, compress once and cache, or skip small payloads.",
    ),
    CodePattern(
        re.compile(r"\bappend\(|\bmake\(|\bnew\(|\[\]byte\(|\bstring\("),
        "allocation_pressure",
        "allocates on every pass",
        "Preallocate with the final size (make(T, 0, n)), reuse buffers (sync.Pool), or "
        "avoid the conversion.",
        (
            (
                "python",
                "Allocate once and reuse (a preallocated bytearray or list), or avoid "
                "the copy (a memoryview instead of slicing bytes).",
            ),
            (
                "nodejs",
                "Allocate once and reuse (Buffer.allocUnsafe once, then fill it), or "
                "avoid the copy (buf.subarray instead of Buffer.from).",
            ),
        ),
    ),
)


#: Sample types that measure waiting (Go/Java mutex and block delay or counts, .NET locks).
_WAITING_SAMPLES = ("delay", "contentions", "lock_time", "lock_count")


def pattern_kinds(sample_type: str) -> frozenset[str]:
    """Return the kinds of code pattern a profile of this sample type can show.

    A mutex or block profile measures waiting, so "formats a string here" says nothing about
    it; an in-use heap shows what is held; a CPU or wall profile shows work of every kind.
    """
    if sample_type in _WAITING_SAMPLES:
        return frozenset({"lock_contention", "channel_blocking", "io_wait"})
    if sample_type.startswith("goroutine"):
        return frozenset({"goroutine_leak", "channel_blocking", "lock_contention", "io_wait"})
    if sample_type.startswith("inuse") or sample_type == "live":
        return frozenset({"retained_memory", "allocation_pressure"})
    if sample_type.startswith("alloc"):
        return frozenset({"allocation_pressure", "serialization", "compression"})
    return frozenset(get_args(ProblemKind)) - {"retained_memory", "goroutine_leak"}


def focus_text(match: SourceMatch) -> str:
    """Return the source line the row points at, or an empty string."""
    window = match.window
    if window is None:
        return ""
    index = window.focus_line - window.start_line
    return window.lines[index] if 0 <= index < len(window.lines) else ""


def explain_line(text: str, kinds: frozenset[str] | None = None) -> CodePattern | None:
    """Return the first code pattern (of ``kinds``, when given) that matches a source line."""
    code = text.split("//", 1)[0].strip()
    for pattern in CODE_PATTERNS:
        if (kinds is None or pattern.kind in kinds) and pattern.regex.search(code):
            return pattern
    return None
