"""The deterministic analyst: hot lines explained from the code read, library frames from data."""

from __future__ import annotations

from profile_insights.agent.analysis import knowledge
from profile_insights.agent.analysis.analyst import analyse
from profile_insights.agent.analysis.patterns import explain_line
from profile_insights.agent.code.models import CodeWindow, SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.table import TopTable
from tests.analysis.analyst_helpers import in_repo_match, library_match
from tests.tables import cpu_table, top_row


def test_known_patterns_on_a_hot_line_are_named() -> None:
    concat = explain_line('\t\tq += field + ":\\"" + t + "\\""')
    assert concat is not None and concat.kind == "allocation_pressure"
    assert "strings.Builder" in concat.fix
    decode = explain_line("\tif err := json.Unmarshal(raw, &doc); err != nil {")
    assert decode is not None and decode.kind == "serialization"
    regexp = explain_line("\tre := regexp.MustCompile(couponPattern)")
    assert regexp is not None and regexp.kind == "cpu_hotspot"
    assert explain_line("\treturn nil // q += 1") is None


def test_the_working_line_leads_and_library_frames_add_their_meaning() -> None:
    rows = [
        top_row(1, "main.main", "cmd/search/main.go", 20, 0, 95),
        top_row(2, "query.Render", "internal/query/build.go", 27, 5, 90),
        top_row(3, "runtime.concatstrings", "runtime/string.go", 47, 60, 80),
        top_row(4, "runtime.mallocgc", "runtime/malloc.go", 900, 25, 25),
    ]
    table = TopTable(
        sample_type="alloc_space",
        sample_unit="bytes",
        total=100,
        shown=90,
        rows=rows,
        lines=True,
        cum_sort=True,
    )
    main_window = CodeWindow(
        path="cmd/search/main.go",
        start_line=18,
        focus_line=20,
        lines=["", "func main() {", "\trun()", ""],
    )
    render_window = CodeWindow(
        path="internal/query/build.go",
        start_line=25,
        focus_line=27,
        lines=["for i, t := range terms {", "", "\tq += field + t"],
    )
    matches = [
        SourceMatch(
            function="main.main",
            profile_file=rows[0].file,
            line=20,
            kind="in_repo",
            language="go",
            repo_path="cmd/search/main.go",
            window=main_window,
        ),
        SourceMatch(
            function="query.Render",
            profile_file=rows[1].file,
            line=27,
            kind="in_repo",
            language="go",
            repo_path="internal/query/build.go",
            window=render_window,
        ),
        SourceMatch(
            function="runtime.concatstrings",
            profile_file=rows[2].file,
            line=47,
            kind="runtime",
            language="go",
        ),
        SourceMatch(
            function="runtime.mallocgc",
            profile_file=rows[3].file,
            line=900,
            kind="runtime",
            language="go",
        ),
    ]
    findings = analyse(table, matches, knowledge.lookup)

    assert findings[0].code_refs == ["internal/query/build.go:27"]
    assert findings[0].kind == "allocation_pressure"
    # main.main only calls: it is the path to the problem, not a finding of its own.
    assert all("cmd/search/main.go:20" not in f.code_refs for f in findings)
    library = [f for f in findings if not f.code_refs]
    assert library and all(f.kind == "allocation_pressure" for f in library)
    assert {e.function for f in library for e in f.evidence} >= {"runtime.concatstrings"}


def test_a_pattern_on_a_line_whose_cost_is_a_callees_is_not_a_finding() -> None:
    # The load loop formats a query (fmt.Sprintf) and calls Best, where 93.4 of its 93.6% go:
    # the Sprintf is not what makes the service slow, Best's inner loop is.
    driver = top_row(1, "main.traffic.func1", "cmd/inventory/main.go", 86, 0, 93.6)
    best = top_row(2, "search.(*Catalog).Best", "internal/search/search.go", 16, 0.1, 93.4)
    inner = top_row(3, "search.levenshtein", "internal/search/search.go", 38, 45.9, 69.9)
    matches = [
        in_repo_match(driver, '\treturn func(i int) { cat.Best(fmt.Sprintf("widgt %d", i)) }'),
        in_repo_match(best, "\t\tif d := levenshtein(query, name); d < best {"),
        in_repo_match(inner, "\t\t\tcur[j] = min3(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)"),
    ]
    findings = analyse(cpu_table([driver, best, inner]), matches, knowledge.lookup)

    assert findings[0].code_refs == ["internal/search/search.go:38"]
    assert all("cmd/inventory/main.go:86" not in f.code_refs for f in findings)


def test_a_pattern_is_kept_when_the_other_function_may_be_a_sibling() -> None:
    # 40% and 38%: the table cannot prove the two overlap, so the Sprintf line stays a finding.
    formatter = top_row(1, "report.line", "internal/report/report.go", 12, 0.5, 40)
    other = top_row(2, "search.levenshtein", "internal/search/search.go", 38, 30, 38)
    matches = [
        in_repo_match(formatter, '\tout = append(out, fmt.Sprintf("%s,%d", sku, n))'),
        in_repo_match(other, "\t\t\tcur[j] = min3(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)"),
    ]
    findings = analyse(cpu_table([formatter, other]), matches, knowledge.lookup)

    assert any("internal/report/report.go:12" in f.code_refs for f in findings)


def test_a_pattern_on_a_light_line_does_not_name_a_hot_loops_problem() -> None:
    # levenshtein's cost is its inner loop (line 38); the make() at line 26 runs once per call.
    loop = top_row(1, "search.levenshtein", "internal/search/search.go", 38, 45.9, 69.9)
    setup = top_row(2, "search.levenshtein", "internal/search/search.go", 26, 0, 7.4)
    matches = [
        in_repo_match(loop, "\t\t\tcur[j] = min3(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)"),
        in_repo_match(setup, "\tprev := make([]int, len(b)+1)"),
    ]
    findings = analyse(cpu_table([loop, setup]), matches, knowledge.lookup)

    assert findings[0].kind == "cpu_hotspot"
    assert "allocates" not in findings[0].explanation


def test_a_function_whose_cost_is_spread_over_its_lines_is_the_deepest_frame() -> None:
    # Record writes six fields with six WriteString calls, each line about a sixth of the
    # total: the stacks keep no 50% share from the load loop into any single line of Record.
    main = top_row(0, "main.main", "cmd/audit/main.go", 30, 0, 100)
    driver = top_row(1, "main.load", "cmd/audit/main.go", 49, 0, 98.7)
    lines = [
        top_row(rank, "auditlog.(*Log).Record", "internal/auditlog/log.go", line, 0.1, 16.4)
        for rank, line in zip(range(2, 8), range(22, 28), strict=True)
    ]
    write = top_row(8, "os.(*File).WriteString", "os/file.go", 256, 0.7, 96)
    # The time of an unbuffered write is the system call's, the leaf of those stacks.
    syscall = top_row(9, "syscall.Syscall", "syscall/syscall_linux.go", 90, 92, 92)
    matches = [
        in_repo_match(main, "\tn := load(deadline)"),
        in_repo_match(driver, '\t\tl.Record("alice", "login", n)'),
        *[in_repo_match(row, "\tl.f.WriteString(user)") for row in lines],
        library_match(write),
        library_match(syscall),
    ]
    shares = {"0>1": 0.99, "0>8": 0.96, "1>8": 0.97, "8>9": 0.96} | {
        f"{r.rank}>{inner}": 1.0 for r in lines for inner in (8, 9)
    }
    table = cpu_table([main, driver, *lines, write, syscall])
    findings = analyse(table, matches, knowledge.lookup, nesting=Nesting(shares=shares))

    code = [f for f in findings if f.code_refs]
    assert [f.evidence[0].function for f in code] == ["auditlog.(*Log).Record"]
    assert code[0].kind == "io_wait"
    assert all("cmd/audit/main.go:49" not in f.code_refs for f in findings)


def test_sorting_or_hashing_on_every_call_is_named_on_the_calling_line() -> None:
    sort = explain_line("\tsort.Slice(sorted, func(i, j int) bool {")
    assert sort is not None and sort.kind == "cpu_hotspot" and "sorts" in sort.what
    digest = explain_line("\tsum := sha256.Sum256(b.Data)")
    assert digest is not None and digest.kind == "cpu_hotspot" and "hashes" in digest.what
    # The caller of sort.Slice gets the finding, not only the comparison closure it passes.
    rank = top_row(1, "board.(*Board).Rank", "internal/board/board.go", 26, 0, 89.4)
    less = top_row(2, "board.(*Board).Rank.func1", "internal/board/board.go", 27, 19.9, 19.9)
    matches = [
        in_repo_match(rank, "\tsort.Slice(sorted, func(i, j int) bool {"),
        in_repo_match(less, "\t\tif sorted[i].Score != sorted[j].Score {"),
    ]
    findings = analyse(
        cpu_table([rank, less]), matches, knowledge.lookup, nesting=Nesting(shares={})
    )

    assert findings[0].code_refs == ["internal/board/board.go:26"]
    assert "sorts the whole collection" in findings[0].explanation


def test_a_template_parsed_on_every_call_is_named_and_other_parse_calls_are_not() -> None:
    parse = explain_line('\tt := template.Must(template.New("welcome").Parse(welcome))')
    assert parse is not None and parse.kind == "cpu_hotspot" and "template" in parse.what
    assert "Execute" in parse.fix
    page = explain_line("\tpage, err := pageTemplate.ParseFiles(path)")
    assert page is not None and page.what == parse.what
    assert explain_line("\tu, err := url.Parse(raw)") is None
    assert explain_line("\tat, err := time.Parse(time.RFC3339, raw)") is None


def test_a_small_library_kind_does_not_explain_a_function_that_costs_far_more() -> None:
    # Wrap spends its 99% capturing stacks (unknown frames); runtime.lock's 8% elsewhere is the
    # only known library kind, and the stacks do not put it under Wrap.
    wrap = top_row(1, "errs.Wrap", "internal/errs/errs.go", 16, 0, 99.3)
    lock = top_row(2, "runtime.lock", "runtime/lock_futex.go", 48, 7.9, 7.9)
    matches = [
        in_repo_match(wrap, "\treturn &Error{Msg: msg, Stack: debug.Stack()}"),
        SourceMatch(
            function="runtime.lock",
            profile_file="runtime/lock_futex.go",
            line=48,
            kind="runtime",
            language="go",
        ),
    ]
    findings = analyse(
        cpu_table([wrap, lock]), matches, knowledge.lookup, nesting=Nesting(shares={})
    )

    code = next(f for f in findings if f.code_refs)
    assert code.kind == "cpu_hotspot"
    assert "lock" not in code.recommendation


def test_seeding_a_random_source_or_capturing_a_stack_per_call_is_named() -> None:
    seed = explain_line("\tr := rand.New(rand.NewSource(time.Now().UnixNano()))")
    assert seed is not None and seed.kind == "cpu_hotspot" and "seeds" in seed.what
    stack = explain_line("\treturn &Error{Msg: msg, Stack: debug.Stack()}")
    assert stack is not None and stack.kind == "cpu_hotspot" and "call stack" in stack.what
    assert explain_line("\tn := r.Intn(10)") is None


def test_the_lines_of_a_function_add_up_when_the_stacks_show_no_recursion() -> None:
    # Two lines of the same function, neither under the other: 60% + 30% is its total, not
    # "at least 60%".
    scan = top_row(1, "ranges.(*Table).Country", "internal/ranges/ranges.go", 18, 10, 60)
    loop = top_row(2, "ranges.(*Table).Country", "internal/ranges/ranges.go", 17, 5, 30)
    matches = [
        in_repo_match(scan, "\t\tif ip >= r.Lo && ip <= r.Hi {"),
        in_repo_match(loop, "\tfor _, r := range t.Ranges {"),
    ]
    table = cpu_table([scan, loop])
    [spread] = [f for f in analyse(table, matches, knowledge.lookup, nesting=Nesting(shares={}))]
    assert "on the stack of 90.0% of the total" in spread.explanation
    # A recursive function: one line runs under the other, so only the bound is known.
    recursive = Nesting(shares={"1>2": 1.0})
    [bounded] = [f for f in analyse(table, matches, knowledge.lookup, nesting=recursive)]
    assert "on the stack of at least 60.0% of the total" in bounded.explanation


def test_an_allocation_charged_to_the_line_calling_an_inlined_function_points_at_it() -> None:
    # Go's heap profile put Record's make() on the caller's line: main.load "itself" holds 98%.
    load = top_row(1, "main.load", "cmd/history/main.go", 44, 98.3, 99.9)
    record = top_row(2, "journal.Record", "internal/journal/journal.go", 19, 1.6, 1.6)
    record = record.model_copy(update={"inline": "inline"})
    matches = [
        in_repo_match(load, '\t\tjournal.Record("ann", payload)'),
        in_repo_match(record, "\tall = append(all, Change{At: time.Now(), User: user})"),
    ]
    table = cpu_table([load, record]).model_copy(update={"sample_type": "inuse_space"})
    findings = analyse(table, matches, knowledge.lookup, nesting=Nesting(shares={}))

    first = findings[0]
    assert first.code_refs == ["cmd/history/main.go:44", "internal/journal/journal.go:19"]
    assert "`journal.Record`, inlined there" in first.explanation
    # Not inlined (no pprof label): the call line's own cost is not put on the callee.
    plain = table.model_copy(update={"rows": [load, record.model_copy(update={"inline": ""})]})
    assert "inlined" not in analyse(plain, matches, knowledge.lookup)[0].explanation


def test_the_deepest_frame_is_taken_on_the_heaviest_path_not_a_lighter_sibling() -> None:
    # Submitters block 89% in Submit's select; main waits 11% in wg.Wait. Both have one in-repo
    # caller above them: the lighter chain must not win on its smaller cum.
    main = top_row(1, "main.main", "cmd/dispatch/main.go", 29, 0, 11.1)
    load = top_row(2, "main.load", "cmd/dispatch/main.go", 53, 0, 11.1)
    worker = top_row(3, "main.load.func1", "cmd/dispatch/main.go", 49, 0, 88.9)
    submit = top_row(4, "queue.(*Queue).Submit", "internal/queue/queue.go", 27, 0, 88.9)
    select = top_row(5, "runtime.selectgo", "runtime/select.go", 509, 88.9, 88.9)
    wait = top_row(6, "sync.(*WaitGroup).Wait", "sync/waitgroup.go", 139, 11.1, 11.1)
    matches = [
        in_repo_match(main, "\tn := load(deadline)"),
        in_repo_match(load, "\twg.Wait()"),
        in_repo_match(worker, "\t\t\t\tq.Submit(w)"),
        in_repo_match(submit, "\tselect {"),
        *[
            SourceMatch(
                function=row.function,
                profile_file=row.file,
                line=row.line,
                kind="runtime",
                language="go",
            )
            for row in (select, wait)
        ],
    ]
    table = cpu_table([main, load, worker, submit, select, wait]).model_copy(
        update={"sample_type": "delay"}
    )
    pairs = ("1>2", "1>6", "2>6", "3>4", "3>5", "4>5")
    stacks = Nesting(shares=dict.fromkeys(pairs, 1.0))
    findings = analyse(table, matches, knowledge.lookup, nesting=stacks)

    code = [f for f in findings if f.code_refs]
    assert [f.code_refs[0] for f in code] == ["internal/queue/queue.go:27"]
    assert code[0].kind == "channel_blocking"
