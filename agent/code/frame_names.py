"""Take a profile's frame apart: function or method, class or module, file, line and origin.

Every profiler prints its frames its own way; this is the one place that reads them:

* Go (runtime/pprof): ``github.com/acme/x/render.(*Renderer).Product``, closures ``.func1``.
* Python: pyroscope-io's qualified names (``JSONEncoder.encode``,
  ``_make_iterencode.<locals>._iterencode``) with the file apart; py-spy's; and Pyroscope's
  older script names ``lib/utility/utility.py:-1 - find_nearest_vehicle`` (``-1``: no line).
* Ruby (rbspy): ``app/x.rb:-1 - block in find``, ``(unknown):-1 - each [c function]``.
* Rust (pprof-rs): ``main.rs:127 - server::find_nearest_vehicle``, ``:0 - __rust_try``.
* Node.js (@pyroscope/nodejs): ``./src/password.js:derive:12``, anonymous functions
  ``./src/x.js:(anonymous:L#12:C#5):12``, built-in modules ``node:internal/timers:listOnTimeout:
  569``, and ``:run:0`` / ``:(idle):0`` for frames without a script.
* Java (async-profiler, JFR): ``com/example/Something.doSomething``, ``Foo$Inner.<init>``.
* .NET: ``WebApplication1.Controllers!CpuController.Get`` (the file column is the assembly).
* Native and eBPF: C and C++ symbols, kernel frames, ``[vdso]``, ``[libc.so.6]``.

The raw name stays in :attr:`Frame.function` for whatever reproduces pprof's output.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from profile_insights.agent.code.languages import language_of, library_origin, stdlib_note
from profile_insights.agent.code.models import Frame, Language
from profile_insights.agent.profiles.table import TopRow

# Pyroscope's rewrite for scripting languages, "FILE:LINE - func" (py-spy, rbspy, pprof-rs).
_SCRIPT_NAME_RE = re.compile(r"^(?P<file><[^>]+>|[^ ]*):(?P<line>-?\d+) - (?P<func>.+)$")

# @pyroscope/nodejs's "FILE:FUNC:LINE"; @datadog/pprof names an anonymous function
# "(anonymous:L#LINE:C#COLUMN)", which has colons of its own.
_NODE_NAME_RE = re.compile(
    r"^(?P<file>.*?):(?P<func>\(anonymous(?::L#\d+(?::C#\d+)?)?\)|[^:]*):(?P<line>\d+)$"
)
_NODE_ANONYMOUS_RE = re.compile(r"^\(anonymous(?::L#(?P<line>\d+)(?::C#(?P<column>\d+))?)?\)$")
_NODE_FILE_START = ("./", "../", "/", "node:", "file:", "webpack:", "webpack-internal:")
_NODE_EXTENSIONS = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx")

_NAME_START = re.compile(r"[(\[]")
_GO_CLOSURE = re.compile(r"^(func|gowrap)\d+$|^\d+$")
_PYTHON_ANONYMOUS = frozenset({"<locals>", "<listcomp>", "<genexpr>", "<lambda>", "<dictcomp>"})
_RUBY_BLOCK = re.compile(r"^((block|rescue|ensure)( \(\d+ levels\))? in )+")
_RUST_MARKERS = re.compile(r"\{\{(closure|vtable\.shim|constant)\}\}")
_PYTHON_CLOSURES = ("<lambda>", "<listcomp>", "<genexpr>", "<dictcomp>", "<setcomp>")
# An unnamed function, by how each runtime names it: Go's F.func1 / F.gowrap1 / F.func1.2,
# Rust's {{closure}}, JVM lambdas (lambda$main$0, Foo$$Lambda_.apply, Scala's $anonfun$),
# .NET lambdas (<Get>b__0_0), rbspy's "block in", V8's (anonymous).
_CLOSURE_RE = {
    "go": re.compile(r"\.(func|gowrap)\d+(\.\d+)*$|\.func\d+\.|\.\d+$"),
    "rust": re.compile(r"\{\{closure\}\}"),
    "java": re.compile(r"lambda\$|\$\$Lambda|\$anonfun\$"),
    "dotnet": re.compile(r"<\w+>b__\w+"),
    "ruby": re.compile(r"^(block|rescue|ensure)( \(\d+ levels\))? in "),
    "nodejs": re.compile(r"^\(anonymous"),
}
_DOTNET_SOURCES = (".cs", ".fs", ".vb")


def _balanced_split(text: str, separator: str) -> list[str]:
    """Split on ``separator`` outside ``<>``, ``()`` and ``[]`` (generic arguments)."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char in "<([":
            depth += 1
        elif char in ">)]" and depth:
            depth -= 1
        elif depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            index += len(separator)
            start = index
            continue
        index += 1
    parts.append(text[start:])
    return parts


def _strip_brackets(text: str) -> str:
    """Remove generic arguments and argument lists: ``F[go.shape.int]`` -> ``F``."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\[[^\[\]]*\]|<[^<>]*>|\([^()]*\)", "", text)
    return text


def _go_generics_elided(text: str) -> str:
    """Shorten type arguments to ``[...]``, as Go's tracebacks print them.

    Pyroscope keeps the instantiation's shapes (``loser.(*Tree[go.shape.interface { At()
    Row; ... }]).Next``): pages of text, with parentheses of their own inside the receiver.
    """
    out, depth = [], 0
    for index, char in enumerate(text):
        if char == "[" and (
            depth or (index and (text[index - 1].isalnum() or text[index - 1] in "_"))
        ):
            depth += 1
            if depth == 1:
                out.append("[...")
            continue
        if depth:
            if char == "]":
                depth -= 1
                if depth == 0:
                    out.append("]")
            continue
        out.append(char)
    return "".join(out) if depth == 0 else text


def _go_parts(text: str) -> tuple[str, str, str, str]:
    """Return (package, owner, name, short) of a Go function name (type arguments elided)."""
    head = _NAME_START.split(text, maxsplit=1)[0]
    slash = head.rfind("/")
    short = text[slash + 1 :]
    dot = text.find(".", slash + 1)
    if dot < 0:
        return "", "", text, short
    package, rest = text[:dot], text[dot + 1 :]
    owner = ""
    receiver = re.match(r"^\(\*?(?P<type>[^)]*)\)\.(?P<rest>.*)$", rest)
    parts = _balanced_split(rest if receiver is None else receiver["rest"], ".")
    if receiver is not None:
        owner = _strip_brackets(receiver["type"])
    elif len(parts) > 1 and not _GO_CLOSURE.match(parts[1]):
        # A value receiver prints as T.Method; a closure as F.func1.
        owner, parts = _strip_brackets(parts[0]), parts[1:]
    named = [part for part in parts if not _GO_CLOSURE.match(part)]
    return package, owner, _strip_brackets(named[0] if named else parts[0]), short


def _java_parts(text: str) -> tuple[str, str, str, str]:
    """Return (package, owner, name, short) of a JVM method name."""
    base = text.split("(", 1)[0]
    cls, dot, name = base.rpartition(".")
    if not dot:
        return "", "", base, base
    separator = "/" if "/" in cls else "."
    package, _, owner = cls.rpartition(separator)
    short = f"{owner}.{name}"
    # javac's lambda$toData$1 and Scala's $anonfun$append$2 are bodies of lambdas defined in
    # toData and append; Scala's read$1 (a local function) and map$ (a trait's forwarder)
    # are read and map.
    body = re.match(r"^(lambda|\$anonfun)\$(?P<method>[\w]+?)\$\d+(\$adapted)?$", name)
    if body is not None:
        name = body["method"]
    elif re.match(r"^[A-Za-z_]\w*?\$\d*$", name):
        name = name.rstrip("$0123456789")
    return package.replace("/", "."), owner, name, short


def _dotnet_parts(text: str) -> tuple[str, str, str, str]:
    """Return (namespace, type, method, short) of ``Namespace!Type.Method``."""
    namespace, bang, rest = text.partition("!")
    if not bang:
        namespace, rest = "", text
    parts = _balanced_split(rest, ".")
    if not bang and len(parts) > 2:
        namespace, parts = ".".join(parts[:-2]), parts[-2:]
    owner, name = ".".join(parts[:-1]).strip("."), parts[-1]
    lambda_body = re.match(r"^<(?P<method>\w+)>b__", name)
    if lambda_body is not None:
        # A lambda's body is a method of a compiler type (<>c) named after its method.
        owner, name = re.sub(r"[.+]?<>c(__\w+)?$", "", owner), lambda_body["method"]
    # Async and lambda bodies are compiler types named after their method: <Invoke>d__6.
    generated = re.search(r"(^|\.)<(?P<method>\w+)>[a-z]__[\w]+$", owner)
    if generated is not None:
        owner, name = owner[: generated.start()], generated["method"]
    name = _strip_brackets(name).split("`", 1)[0] or name
    return namespace, owner, name, rest.lstrip(".") or text


def _colon_parts(text: str) -> tuple[str, str, str]:
    """Return (package, owner, name) of a Rust or C++ path ``a::b::Type::method``."""
    parts = [part for part in _balanced_split(text, "::") if part]
    names = [_RUST_MARKERS.sub("", part) for part in parts]
    names = [name for name in names if name]
    if not names:
        return "", "", text
    name = _strip_brackets(names[-1]) or names[-1]
    rest = names[:-1]
    owner = ""
    if rest and (rest[-1][:1].isupper() or rest[-1].startswith("<")):
        owner = rest.pop()
    return "::".join(rest), owner, name


def _python_parts(text: str) -> tuple[str, str]:
    """Return (owner, name) of a qualified name ``Class.method`` or ``f.<locals>.g``."""
    parts = text.split(".")
    named = [part for part in parts if part not in _PYTHON_ANONYMOUS]
    if not named:
        return "", text
    name = named[-1]
    position = len(parts) - 1 - parts[::-1].index(name)
    before = parts[position - 1] if position > 0 else ""
    owner = before if before[:1].isupper() else ""
    return owner, name


def _ruby_parts(text: str) -> tuple[str, str]:
    """Return (owner, name) of an rbspy name ``block in Foo#bar``, ``<class:Foo>``."""
    text = _RUBY_BLOCK.sub("", text)
    scope = re.match(r"^<(class|module):(?P<owner>[^>]+)>$", text)
    if scope is not None:
        return scope["owner"], ""
    owner, separator, name = text.rpartition("#")
    if not separator:
        owner, separator, name = text.rpartition(".")
    return (owner, name) if separator else ("", text)


def _node_parts(text: str) -> tuple[str, str]:
    """Return (owner, name) of a V8 function name ``Class.method`` or ``name``."""
    found = re.match(r"^(?P<owner>[A-Za-z_$][\w$]*)\.(?P<name>[^.].*)$", text)
    return (found["owner"], found["name"]) if found else ("", text)


def _split_script(function: str) -> tuple[str, str | None, int | None] | None:
    """Return (function text, file, line) of a ``FILE:LINE - func`` name, if it is one."""
    script = _SCRIPT_NAME_RE.match(function)
    if script is None:
        return None
    file = script["file"] if script["file"] not in ("", "(unknown)", "?") else None
    line = int(script["line"])
    return script["func"], file, line if line > 0 else None


def _split_node(function: str, file: str | None) -> tuple[str, str | None, int | None] | None:
    """Return (function text, file, line) of a Node.js ``FILE:FUNC:LINE`` name, if it is one."""
    node = _NODE_NAME_RE.match(function)
    if node is None:
        return None
    named_file = node["file"]
    js_file = (file or "").startswith("node:") or (file or "").endswith(_NODE_EXTENSIONS)
    if not (
        (named_file == "" and node["line"] == "0")
        or named_file.startswith(_NODE_FILE_START)
        or named_file.endswith(_NODE_EXTENSIONS)
        or (js_file and " " not in function)
    ):
        return None
    line = int(node["line"])
    return node["func"], named_file or None, line if line > 0 else None


def _parts(text: str, language: Language) -> tuple[str, str, str, str, str]:
    """Return (package, owner, name, display, short) of a function text in its language."""
    if language == "go":
        display = _go_generics_elided(text)
        package, owner, name, short = _go_parts(display)
        return package, owner, name, display, short
    if language == "java":
        package, owner, name, short = _java_parts(text)
        return package, owner, name, text, short
    if language == "dotnet":
        package, owner, name, short = _dotnet_parts(text)
        # "!.Concat": the profiler found neither namespace nor type (the assembly is apart).
        return package, owner, name, short if text.startswith("!") else text, short
    if language in ("rust", "cpp"):
        # pprof-rs drops the impl type of a method, leaving "::poll": kept as printed.
        package, owner, name = _colon_parts(text.removeprefix("::"))
        return package, owner, name, text, text
    if language == "python":
        owner, name = _python_parts(text)
        return "", owner, name, text, text
    if language == "ruby":
        # "each [c function]" keeps rbspy's marker: it says the method is Ruby's own C code.
        owner, name = _ruby_parts(text.removesuffix("[c function]").strip() or text)
        return "", owner, name, text, text
    if language == "nodejs":
        anonymous = _NODE_ANONYMOUS_RE.match(text)
        display = "(anonymous)" if anonymous else text
        owner, name = ("", display) if anonymous else _node_parts(text)
        return "", owner, name, display, display
    return "", "", text, text, text


def _dependency_module(file: str) -> str | None:
    """Return the module (and version) a dependency's path names, if it does."""
    path = file.replace("\\", "/")
    # Go's module cache ($GOMODCACHE, by default $GOPATH/pkg/mod) or a -trimpath name; the
    # cache spells capitals as "!x" (github.com/!burnt!sushi/toml@v1.2.0).
    rest = re.split(r"(?:^|/)(?:pkg/)?mod/", path)[-1]
    found = re.match(r"^(?P<module>[^@]+?)@(?P<version>v\d[^/]*)/", rest)
    if found:
        module = re.sub(r"!([a-z])", lambda m: m[1].upper(), found["module"])
        return f"{module}@{found['version']}"
    found = re.search(
        r"(?:^|/)(?:gems|\.?cargo/registry/src/[^/]+)/(?P<name>[\w.\-]+?)-(?P<version>\d[\w.\-]*)/",
        path,
    )
    if found:
        return f"{found['name']}@{found['version']}"
    packages = re.findall(r"(?:^|/)node_modules/(@[\w.\-]+/[\w.\-]+|[\w.\-]+)(?=/)", path)
    if packages:
        return str(packages[-1])
    found = re.search(r"(?:^|/)(?:site|dist)-packages/(?P<module>[A-Za-z_]\w*)(?:/|\.py$)", path)
    if found:
        return found["module"]
    found = re.search(r"(?:^|/)vendor/(?P<module>[\w\-]+\.[\w.\-]+/[\w.\-]+/[\w.\-]+)/", path)
    return found["module"] if found else None


@lru_cache(maxsize=65536)
def parse_frame(function: str, file: str | None = None, line: int | None = None) -> Frame:
    """Return what a frame's name, file and line say, in its language (see the module doc).

    Args:
        function: The name as pprof prints it (after its rewriting).
        file: The frame's file, when the profile has one (a ``-lines`` table, a stack frame).
        line: Its line, when known; 0 or negative means none.
    """
    file = file if file not in (None, "", "?", "(unknown)") else None
    line = line if line and line > 0 else None
    text, named_file, named_line = function, None, None
    split = _split_script(function)
    form = "script" if split is not None else ""
    if split is None:
        split = _split_node(function, file)
        form = "node" if split is not None else ""
    if split is not None:
        text, named_file, named_line = split
    if not file and named_file:
        file = named_file
    line = line or named_line
    if form == "node":
        language: Language = "nodejs"
    else:
        language = language_of(text, file)
        if form == "script" and language == "unknown" and named_file:
            language = language_of(text, named_file)
    column = None
    anonymous = _NODE_ANONYMOUS_RE.match(text) if language == "nodejs" else None
    if anonymous is not None and anonymous["line"]:
        line = line or int(anonymous["line"])
        column = int(anonymous["column"]) if anonymous["column"] else None
    assembly = None
    if language == "dotnet" and file and "/" not in file and not file.endswith(_DOTNET_SOURCES):
        # The Pyroscope .NET profiler puts the assembly in the file column: not a source file.
        assembly, file = file, None
    package, owner, name, display, short = _parts(text, language)
    closure_re = _CLOSURE_RE.get(language)
    closure = bool(closure_re and closure_re.search(text)) or (
        language == "python" and text.endswith(_PYTHON_CLOSURES)
    )
    frame = Frame(
        function=function,
        file=file,
        line=line,
        language=language,
        name=name,
        owner=owner,
        package=package,
        display=display or function,
        short=short or display or function,
        column=column,
        closure=closure,
        module=assembly,
    )
    known = library_origin(frame)
    if known is None:
        return frame
    origin, note = known
    module = _dependency_module(file or function) if origin == "dependency" else assembly
    return replace(frame, origin=origin, note=note, module=module)


def frame_of(row: TopRow) -> Frame:
    """Return the parsed frame of a table row (see :func:`parse_frame`)."""
    # A frame without a function name prints as [MAPPING] or <unknown>; classify by that.
    return parse_frame(row.function or (row.name if not row.file else ""), row.file, row.line)


def may_be_checkout(row: TopRow) -> bool:
    """Return whether a row's frame may be the user's code (its name says no library)."""
    frame = frame_of(row)
    return frame.origin == "unknown" and not stdlib_note(frame)
