"""Loops that only look like repeated work stay unnamed: children walked, a tree, a header."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.analysis.constructs import HotCode
from profile_insights.agent.analysis.context import hot_context
from profile_insights.agent.code.structure import function_facts
from tests.analysis.test_recognisers import construct_at

CHILDREN = """def skus(orders, wanted):
    found = []
    for order in orders:
        for line in order.lines:
            if line.sku == wanted:
                found.append(order.id)
    return found
"""

TREE_WALK = """package p
func size(n *Node) int {
	if n == nil {
		return 0
	}
	return 1 + size(n.Left) + size(n.Right)
}
"""

HEADER_ONCE = """package p
func Count(text string, word string) int {
	n := 0
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if w == word {
			n++
		}
	}
	return n
}
"""

PER_REQUEST_INDEX = """package p
func Total(req *Request) float64 {
	byID := make(map[string]Line, len(req.Lines))
	for _, l := range req.Lines {
		byID[l.ID] = l
	}
	return sum(byID)
}
"""


def test_walking_each_element_s_own_children_is_not_a_nested_scan(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "skus.py", CHILDREN, 5)
    assert construct is None or construct.key != "nested-scan"


def test_a_recursion_over_distinct_children_is_not_recomputation(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "size.go", TREE_WALK, 6)
    assert construct is None or construct.key != "tree-recursion"


def test_a_call_in_a_range_header_runs_once_and_is_not_loop_invariant(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "count.go", HEADER_ONCE, 5)
    assert construct is None or construct.key != "loop-invariant"


def test_an_index_of_the_request_s_own_data_is_not_rebuilt_needlessly(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "total.go", PER_REQUEST_INDEX, 5)
    assert construct is None or construct.key != "index-per-call"


PREALLOCATED = """package p
func IDs(users []User) []string {
	ids := make([]string, 0, len(users))
	for _, u := range users {
		ids = append(ids, u.ID)
	}
	return ids
}
"""

GENERATOR = """def energy(samples):
    return sum(s * s for s in samples)
"""


def test_a_slice_made_with_its_capacity_is_not_grown_by_append(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "ids.go", PREALLOCATED, 5, family="alloc")
    assert construct is None or construct.key != "append-growth"


def test_a_generator_passed_to_sum_builds_no_list(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "energy.py", GENERATOR, 2, family="alloc")
    assert construct is None or construct.key != "materialised-list"


MEMOISED = """class Graph:
    def weight(self, node_id):
        if node_id in self.memo:
            return self.memo[node_id]
        total = self.nodes[node_id].own
        for child in self.nodes[node_id].children:
            total += self.weight(child)
        self.memo[node_id] = total
        return total
"""


def test_a_recursion_that_stores_its_results_is_memoised(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "graph.py", MEMOISED, 7)
    assert construct is None or construct.key != "tree-recursion"


FETCH_PER_ITEM = """package p
func Prices(c *Client, ids []int) []float64 {
	var out []float64
	for _, id := range ids {
		url := fmt.Sprintf("%s/prices/%d", c.base, id)
		p, _ := c.http.Get(url)
		out = append(out, p)
	}
	return out
}
"""


def test_a_formatted_url_fetched_is_no_formatted_map_key(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "prices.go", FETCH_PER_ITEM, 5)
    assert construct is None or construct.key != "formatted-key"


LINES_OF_THE_REQUEST = """package p
func Total(lines []Line, sku string) int {
	n := 0
	for _, l := range lines {
		if l.SKU == sku {
			n += l.Qty
		}
	}
	return n
}
"""


def test_a_filter_over_what_the_caller_passed_is_no_scan_of_kept_data(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "total.go", LINES_OF_THE_REQUEST, 5)
    assert construct is None or construct.key != "filter-scan"


CART_OF_THE_REQUEST = """def total(cart):
    amount = 0
    for line in cart.lines:
        amount += line.price * line.qty
    return amount
"""


def test_a_total_over_what_the_caller_passed_is_no_kept_aggregate(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "cart.py", CART_OF_THE_REQUEST, 4)
    assert construct is None or construct.key != "aggregate-per-call"


GUARDED_LOOP = """package p
func (e *Exporter) Send(batch []Sample) error {
	for _, s := range batch {
		if s.ID == "" {
			continue
		}
		if err := e.w.Write(s.Encode()); err != nil {
			return err
		}
	}
	return nil
}
"""


def test_a_loop_that_checks_elements_against_constants_searches_nothing(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "send.go", GUARDED_LOOP, 7)
    assert construct is None or construct.key != "linear-search"


KEY_PER_ELEMENT = """def by_date(rows):
    return sorted(rows, key=lambda r: datetime.strptime(r.day, "%Y-%m-%d"))
"""


def test_a_sort_key_is_computed_once_per_element_not_per_comparison(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "dates.py", KEY_PER_ELEMENT, 2)
    assert construct is None or construct.key != "work-per-comparison"


NUMERIC_TOTALS = """def spend(self, orders):
    totals = 0
    for o in orders:
        totals += o.amount * o.rate
    return totals
"""


def test_a_name_ending_in_s_adding_numbers_builds_no_string(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "spend.py", NUMERIC_TOTALS, 4)
    assert construct is None or construct.key != "string-concat"


RULES_IN_ORDER = """package p
func (s *Set) Decide(name string) (Action, string) {
	for i := range s.rules {
		r := &s.rules[i]
		if r.re.MatchString(name) {
			if r.Action == Rename {
				return Rename, r.re.ReplaceAllString(name, r.Target)
			}
			return r.Action, ""
		}
	}
	return Keep, ""
}
"""


def test_a_loop_comparing_its_element_with_a_constant_looks_no_key_up(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "rules.go", RULES_IN_ORDER, 5)
    assert construct is None or construct.key != "linear-search"


GO_SPLIT_WRITES = """package p
func (c *Client) Push(key string, body []byte) ([]byte, error) {
	c.conn.Write([]byte("PUT " + key + "\\n"))
	c.conn.Write(body)
	return c.reader.ReadBytes('\\n')
}
"""


def test_go_connections_have_no_nagle_stall_on_split_writes(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "client.go", GO_SPLIT_WRITES, 4, family="wall")
    assert construct is None or construct.key != "split-writes"


LAZY_RELATION = """def history(orders):
    rows = []
    for order in orders:
        lines = order.lines
        rows.append((order.id, len(lines)))
    return rows
"""


def test_an_attribute_read_per_element_that_waits_on_a_query_is_n_plus_one(
    tmp_path: Path,
) -> None:
    construct = construct_at(
        tmp_path, "history.py", LAZY_RELATION, 4, family="wall", causes={"py-db-execute": 80.0}
    )
    assert construct is not None and construct.key == "n-plus-one"
    assert "order.lines" in construct.what


def test_an_attribute_read_per_element_without_io_is_no_round_trip(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "history.py", LAZY_RELATION, 4, family="wall")
    assert construct is None or construct.key != "n-plus-one"


def test_a_fixed_count_inner_loop_is_no_work_per_pair(tmp_path: Path) -> None:
    source = (
        "def pad(rows):\n    for row in rows:\n        for _ in range(8):\n            emit(row)\n"
    )
    (tmp_path / "pad.py").write_text(source)
    facts = function_facts(tmp_path, "pad.py", 4)
    assert facts is not None
    context = hot_context(HotCode(facts, (4,), "cpu", weights={4: 90.0}))
    assert context is not None and "pair" not in context.sentence


def test_a_go_reslice_copies_nothing_and_a_slice_bound_is_no_concatenation(
    tmp_path: Path,
) -> None:
    source = (
        "package wire\nfunc Decode(data []byte) (n int) {\n\tfor len(data) > 0 {\n"
        "\t\tsize := int(data[0])\n\t\tdata = data[1+size:]\n\t\tn++\n\t}\n\treturn n\n}\n"
    )
    construct = construct_at(tmp_path, "wire.go", source, 5)
    assert construct is None or construct.key not in ("tail-copy", "quadratic-concat")
