"""The order of the report's hot-function table: the checkout's working code first."""

from __future__ import annotations

from profile_insights.agent.profiles.table import TopRow
from profile_insights.agent.report.hot_functions import report_order
from tests.tables import top_row


def _row(rank: int, function: str, cum: float, flat: float = 0.0) -> TopRow:
    return top_row(rank, function, "x.go", rank, flat, cum)


ROWS = [
    _row(1, "main.main", 99),
    _row(2, "main.load.func1", 98),
    _row(3, "acme/api.(*Handler).Serve", 97),
    _row(4, "acme/store.(*Store).Get", 96),
    _row(5, "runtime.mallocgc", 60),
    _row(6, "acme/store.parse", 90, flat=30),
    _row(7, "encoding/json.Unmarshal", 60),
]
IN_REPO = {1, 2, 3, 4, 6}


def test_the_function_the_time_ends_in_leads_then_callers_then_entry_and_libraries() -> None:
    attribution = {6: 90.0, 4: 5.0, 2: 0.4}
    order = [row.rank for row in report_order(ROWS, attribution, IN_REPO, limit=10)]
    # parse (90% ends there), Get (5%); then the handler on the path; then pprof's order.
    assert order == [6, 4, 3, 1, 2, 5, 7]


def test_entry_code_leads_only_when_it_does_real_work_itself() -> None:
    order = [row.rank for row in report_order(ROWS, {2: 40.0, 6: 50.0}, IN_REPO, limit=3)]
    assert order == [6, 2, 3]
    order = [row.rank for row in report_order(ROWS, {2: 5.0, 6: 50.0}, IN_REPO, limit=3)]
    assert order == [6, 3, 4]


def test_without_code_of_the_checkout_the_table_is_pprofs() -> None:
    order = [row.rank for row in report_order(ROWS, {}, set(), limit=10)]
    assert order == [1, 2, 3, 4, 5, 6, 7]


def test_a_cited_line_the_profile_has_no_row_for_leads_with_its_functions_row() -> None:
    # Node.js records a function's first line only; the finding cites its body (line 18).
    rows = [_row(1, "main.main", 99), top_row(2, "./src/x.js:exportRows:17", "x.js", 17, 0, 49)]
    rows += [top_row(3, "./src/x.js:csvField:7", "x.js", 7, 3, 5)]
    cited: list[tuple[str, int | None]] = [("./src/x.js:exportRows:17", 18)]
    cited.append(("./src/x.js:csvField:7", 7))
    order = report_order(rows, {3: 3.0}, {1, 2, 3}, limit=3, cited=cited)
    assert [row.rank for row in order] == [2, 3, 1]
