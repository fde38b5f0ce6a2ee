"""How each Pyroscope SDK is told to send a profile type: the "to enable it" sentence of a report.

Facts from the SDKs' own code and documentation (read through the search index, 2026):
pyroscope-go ``ProfileType`` constants and ``runtime.SetMutexProfileFraction`` /
``SetBlockProfileRate``; pyroscope-io 1.4 ``pyroscope.configure`` (``oncpu``, ``gil_only``,
``mem_enabled``, ``mem_heap_sample_size``; checked by running it against the replay server: memory
arrives as ``memory:alloc_*`` and ``memory:inuse_*``, ``oncpu=False`` still arrives as
``process_cpu:cpu``); @pyroscope/nodejs 0.6 ``src/pyroscope-config.ts``,
``src/utils/get-env.ts`` and ``start()`` (= wall + heap; run too: heap arrives as
``memory:inuse_*`` only); the pyroscope Ruby gem's ``Pyroscope::Config#oncpu``; pyroscope-rs
(``pyroscope_pprofrs`` backend for CPU, the ``backend-jemalloc`` / ``backend-mimalloc`` features
for memory); the Java agent's ``PYROSCOPE_PROFILER_EVENT``/``_ALLOC``/``_LOCK`` and
``PYROSCOPE_ALLOC_LIVE``; the .NET profiler's ``PYROSCOPE_PROFILING_*_ENABLED`` variables
(grafana/pyroscope ``docs/sources/configure-client``).
"""

from __future__ import annotations

#: The SDKs in the order a hint lists them when the service's language is not known.
LANGUAGES = ("Go", "Python", "Node.js", "Ruby", "Rust", "Java", ".NET")

#: The SDK of each language a frame can be told to be in (``agent.code.languages``).
SDK_OF_LANGUAGE = {
    "go": "Go",
    "python": "Python",
    "nodejs": "Node.js",
    "ruby": "Ruby",
    "rust": "Rust",
    "java": "Java",
    "dotnet": ".NET",
}

_NO_LOCKS = "no lock or blocking profile"

#: resource -> language -> how to make that SDK send it (or that it cannot).
HINTS: dict[str, dict[str, str]] = {
    "cpu": {
        "Go": "pyroscope.ProfileCPU is on by default; check that the program calls "
        "pyroscope.Start and can reach the server",
        "Python": "pyroscope-io records CPU by default (cpu_enabled=True in pyroscope.configure)",
        "Node.js": "Pyroscope.init({wall: {collectCpuTime: true}}) (or "
        "PYROSCOPE_WALL_COLLECT_CPU_TIME=true) adds CPU time to the wall profile",
        "Ruby": "the pyroscope gem records CPU once Pyroscope.configure has run",
        "Rust": "pyroscope-rs with the pprof-rs backend "
        "(pprof_backend(PprofConfig::new().sample_rate(100)))",
        "Java": "PYROSCOPE_PROFILER_EVENT=itimer (the default) or cpu",
        ".NET": "PYROSCOPE_PROFILING_CPU_ENABLED=true",
    },
    "wall": {
        "Go": "pyroscope-go has no wall-clock profile; waiting shows in the block and mutex "
        "profiles (runtime.SetBlockProfileRate(5) and pyroscope.ProfileBlockDuration)",
        "Python": "pyroscope.configure(oncpu=False, gil_only=False) samples waiting threads too; "
        "the result still arrives as the CPU type, so a service already set up this way "
        "shows waiting time in it",
        "Node.js": "Pyroscope.start() or Pyroscope.startWallProfiling() (options under wall: "
        "samplingDurationMs, samplingIntervalMicros)",
        "Ruby": "config.oncpu = false in Pyroscope.configure samples waiting threads too; the "
        "result still arrives as the CPU type",
        "Rust": "pyroscope-rs has no wall-clock profile",
        "Java": "PYROSCOPE_PROFILER_EVENT=wall (Pyroscope derives the CPU profile from it)",
        ".NET": "PYROSCOPE_PROFILING_WALLTIME_ENABLED=true",
    },
    "alloc": {
        "Go": "add pyroscope.ProfileAllocSpace and pyroscope.ProfileAllocObjects to "
        "Config.ProfileTypes",
        "Python": "pyroscope.configure(mem_enabled=True) (pyroscope-io 1.x; tune "
        "mem_heap_sample_size)",
        "Node.js": "@pyroscope/nodejs has no allocation profile, only the in-use heap "
        "(Pyroscope.startHeapProfiling())",
        "Ruby": "the pyroscope gem records CPU only",
        "Rust": "pyroscope 2.x with the backend-jemalloc feature (jemalloc_backend(), "
        "tikv-jemallocator with its profiling feature, MALLOC_CONF=prof:true,prof_active:true) "
        "or backend-mimalloc (mimalloc_backend(MimallocConfig::default()))",
        "Java": "PYROSCOPE_PROFILER_ALLOC=512k",
        ".NET": "PYROSCOPE_PROFILING_ALLOCATION_ENABLED=true",
    },
    "inuse": {
        "Go": "add pyroscope.ProfileInuseSpace and pyroscope.ProfileInuseObjects to "
        "Config.ProfileTypes",
        "Python": "pyroscope.configure(mem_enabled=True) (pyroscope-io 1.x)",
        "Node.js": "Pyroscope.start() or Pyroscope.startHeapProfiling() (options under heap: "
        "samplingIntervalBytes, stackDepth)",
        "Ruby": "the pyroscope gem records CPU only",
        "Rust": "pyroscope 2.x with the backend-jemalloc or backend-mimalloc feature",
        "Java": "PYROSCOPE_PROFILER_ALLOC=512k with PYROSCOPE_ALLOC_LIVE=true (live objects)",
        ".NET": "PYROSCOPE_PROFILING_HEAP_ENABLED=true (.NET 7 and later)",
    },
    "mutex": {
        "Go": "call runtime.SetMutexProfileFraction(5) and add pyroscope.ProfileMutexCount and "
        "pyroscope.ProfileMutexDuration to Config.ProfileTypes",
        "Python": f"pyroscope-io has {_NO_LOCKS}; with oncpu=False, gil_only=False threads "
        "waiting on a lock show in the CPU profile",
        "Node.js": f"@pyroscope/nodejs has {_NO_LOCKS}",
        "Ruby": f"the pyroscope gem has {_NO_LOCKS}",
        "Rust": f"pyroscope-rs has {_NO_LOCKS}",
        "Java": "PYROSCOPE_PROFILER_LOCK=10ms",
        ".NET": "PYROSCOPE_PROFILING_LOCK_ENABLED=true",
    },
    "block": {
        "Go": "call runtime.SetBlockProfileRate(5) and add pyroscope.ProfileBlockCount and "
        "pyroscope.ProfileBlockDuration to Config.ProfileTypes",
        "Python": f"pyroscope-io has {_NO_LOCKS}; oncpu=False, gil_only=False puts waiting "
        "threads in the CPU profile",
        "Node.js": "the wall profile (Pyroscope.startWallProfiling()) shows time spent waiting",
        "Ruby": "config.oncpu = false puts waiting threads in the CPU profile",
        "Rust": f"pyroscope-rs has {_NO_LOCKS}",
        "Java": "PYROSCOPE_PROFILER_EVENT=wall shows threads that wait",
        ".NET": "PYROSCOPE_PROFILING_WALLTIME_ENABLED=true shows threads that wait",
    },
    "goroutine": {
        "Go": "add pyroscope.ProfileGoroutines to Config.ProfileTypes",
    },
}


def enable_hint(resource: str, language: str | None) -> str:
    """Return how to enable ``resource``: for the service's SDK when known, else for each SDK."""
    by_language = HINTS[resource]
    if language in by_language:
        return f"{language}: {by_language[language]}."
    return (
        "; ".join(f"{name}: {by_language[name]}" for name in LANGUAGES if name in by_language) + "."
    )
