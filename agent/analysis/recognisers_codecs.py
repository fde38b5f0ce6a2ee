"""The compression recogniser: a codec run on every call, which way it goes, and its fast path.

Compressing (or decompressing) on the request path is named from the codec call in the hot
function (``zlib.compress(m, 9)``, ``gzip.NewWriterLevel``, ``zlib.NewReader``), or from the
codec frames the profile shows under the hot line; the fix names the codec's own fast setting.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, calls_named
from profile_insights.agent.code.facts import Call

_COMPRESS = {
    "gzipSync", "deflateSync", "deflateRawSync", "brotliCompressSync", "compress",
    "compressobj", "GzipFile", "NewWriter", "NewWriterLevel", "GZIPOutputStream",
    "DeflaterOutputStream", "GZipStream", "DeflateStream", "BrotliStream", "deflate", "encode",
}  # fmt: skip
_DECOMPRESS = {
    "gunzipSync", "inflateSync", "inflateRawSync", "unzipSync", "brotliDecompressSync",
    "decompress", "decompressobj", "NewReader", "GZIPInputStream", "InflaterInputStream",
    "inflate", "decode", "open",
}  # fmt: skip
_CODEC = r"(?i)gzip|gunzip|zlib|flate|brotli|lz4|zstd|snappy|bz2|lzma|xz|compress"
COMPRESSION_ENTRIES = (
    "go-compression", "go-compressor-setup", "node-zlib", "py-compression", "java-compression",
    "dotnet-compression", "rust-compression", "native-compression", "ruby-zlib",
    "ruby-rack-deflater",
)  # fmt: skip
#: A level argument that asks for the slowest, smallest output.
_MAX_LEVEL = re.compile(r"BestCompression|BEST_COMPRESSION|SmallestSize|level\s*[:=]\s*9|\b9\b")


#: The fast path of each language's compression library.
_FAST_CODEC = {
    "go": "use gzip.NewWriterLevel(w, gzip.BestSpeed) with one writer reused through Reset "
    "(a sync.Pool of them), not a new writer per call.",
    "python": "pass a low level (zlib.compress(data, 1), gzip.compress(data, compresslevel=1)), "
    "or use zstandard / lz4 for speed.",
    "javascript": "use a low level ({ level: 1 }) and the asynchronous zlib.gzip / streams so "
    "the work leaves the event loop (gzipSync blocks every request meanwhile).",
    "typescript": "use a low level ({ level: 1 }) and the asynchronous zlib.gzip / streams so "
    "the work leaves the event loop (gzipSync blocks every request meanwhile).",
    "java": "use Deflater.BEST_SPEED and reuse one Deflater (reset()) per thread.",
    "csharp": "use CompressionLevel.Fastest and compress asynchronously off the request path.",
    "ruby": "use Zlib::BEST_SPEED and reuse one Zlib::Deflate.",
    "rust": "use Compression::fast() and reuse one encoder.",
}


def _fast_codec(language: str, callee: str) -> str:
    """Return the fast setting of the codec called (brotli, lzma, bz2), else the language's."""
    if re.search(r"(?i)brotli", callee):
        return "lower brotli's quality (BROTLI_PARAM_QUALITY 4-5 instead of the default 11)."
    if re.search(r"(?i)lzma|xz", callee):
        return "use a low lzma preset (preset=1-3) or zstd, which compresses far faster."
    if re.search(r"(?i)bz2", callee):
        return "use compresslevel=1-3, or zlib / zstd, which compress far faster than bzip2."
    return _FAST_CODEC.get(language, "use a faster level or codec.")


def compression_per_call(code: HotCode) -> Construct | None:
    """Compress or decompress data synchronously on every call of the request path."""

    def codec(call: Call) -> bool:
        return call.name in _COMPRESS | _DECOMPRESS and bool(
            re.search(_CODEC, call.callee + " " + call.receiver)
        )

    calls = [c for c in calls_named(code, _COMPRESS | _DECOMPRESS) if codec(c)]
    profiled = code.caused_by(*COMPRESSION_ENTRIES) > 0
    if not calls and profiled:
        # The codec's frames are under the hot line (io.ReadAll(zr)), and the function made
        # the codec elsewhere (zr := zlib.NewReader(...)): that call says which way it goes.
        calls = [c for c in code.facts.calls if codec(c)]
    if not calls and not profiled:
        return None
    call = calls[0] if calls else None
    line = call.line if call else code.lines[0]
    inflating = call is not None and call.name in _DECOMPRESS
    loop = code.facts.loops_around(line)
    what = (
        f"{'decompresses' if inflating else 'compresses'} "
        + (f"with `{call.callee}`" if call else "data (the codec's frames are under this line)")
        + (" inside a loop, once per item" if loop else " on every call")
        + f" ({code.ref(line)})"
    )
    if inflating:
        fix = (
            "Decompress once and cache the decoded value (or store it uncompressed when it is "
            "read more often than written); reuse one decoder (Reset) instead of a new one per "
            "call, and stream large payloads instead of inflating them whole."
        )
    else:
        slow = call is not None and _MAX_LEVEL.search(call.arguments)
        fix = (
            ("Drop the maximum compression level: level 9 / BestCompression costs several "
             "times level 1-6 for a few percent smaller output. " if slow else "")
            + "Compress once and cache the compressed bytes, skip small or already-compressed "
            "payloads, batch small messages into one stream, and "
            + _fast_codec(code.language, call.callee if call else "")
        )  # fmt: skip
    return Construct(
        "decompression-per-call" if inflating else "compression-per-call",
        "compression",
        line,
        "Decompression on every call" if inflating else "Compression on every call",
        what,
        fix,
        7,
    )
