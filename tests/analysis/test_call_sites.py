"""A caller's call site explains a function's cost: a piece of its buffer kept, a call per item."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.analysis import knowledge
from profile_insights.agent.analysis.analyst import analyse
from profile_insights.agent.analysis.constructs import HotCode
from profile_insights.agent.analysis.recognisers_kept import retained_piece
from profile_insights.agent.code.structure import function_facts
from profile_insights.agent.profiles.nesting import Nesting
from tests.analysis.analyst_helpers import in_repo_match
from tests.tables import cpu_table, top_row

GO_CONSUMER = """package bridge

type Bridge struct{ recent [][]byte; window int }

func (b *Bridge) Consume(conn Reader, frames int) {
	for i := 0; i < frames; i++ {
		frame, err := wire.ReadFrame(conn) // HOT
		if err != nil {
			return
		}
		id := frame[4:36]
		local := [][]byte{}
		local = append(local, frame)
		b.recent = append(b.recent, id)
	}
}
"""

JS_CONSUMER = """const seen = new Map();
function onMessage(socket) {
  const body = readBody(socket); // HOT
  const key = body.subarray(0, 16);
  seen.set(key.toString('hex'), key);
}
"""


def _code(tmp_path: Path, name: str, source: str, family: str = "inuse") -> HotCode:
    (tmp_path / name).write_text(source)
    hot = next(n for n, text in enumerate(source.splitlines(), 1) if "HOT" in text)
    facts = function_facts(tmp_path, name, hot)
    assert facts is not None
    return HotCode(facts, (hot,), family, weights={hot: 95.0})


def test_a_slice_of_the_received_buffer_kept_in_a_field_pins_the_buffer(tmp_path: Path) -> None:
    construct = retained_piece(_code(tmp_path, "bridge.go", GO_CONSUMER))
    assert construct is not None and construct.kind == "retained_memory"
    assert construct.line == 14 and "b.recent" in construct.what and "`id`" in construct.what
    assert "backing array" in construct.what and "bytes.Clone" in construct.fix


def test_a_view_kept_in_a_module_map_pins_the_buffer_in_node(tmp_path: Path) -> None:
    construct = retained_piece(_code(tmp_path, "consumer.js", JS_CONSUMER))
    assert construct is not None and "seen" in construct.what
    assert "Buffer.from" in construct.fix


def test_only_an_in_use_heap_is_read_for_kept_pieces(tmp_path: Path) -> None:
    assert retained_piece(_code(tmp_path, "bridge.go", GO_CONSUMER, family="cpu")) is None


def test_a_piece_kept_in_a_local_is_dropped_with_the_call(tmp_path: Path) -> None:
    source = GO_CONSUMER.replace("b.recent = append(b.recent, id)", "local = append(local, id)")
    assert retained_piece(_code(tmp_path, "bridge.go", source)) is None


GO_HOOK = """package server

func (s *Server) Serve(conn Reader) {
	for {
		req, err := wire.ReadRequest(conn) // HOT
		if err != nil {
			return
		}
		lifecycle.OnShutdown(func() { s.Spool.Discard(req.ID) })
		s.Spool.Put(req.ID, convert(req.Body))
	}
}
"""


def test_a_hook_registered_per_request_that_captures_it_keeps_it_alive(tmp_path: Path) -> None:
    from profile_insights.agent.analysis.recognisers_kept import retained_by_callback

    construct = retained_by_callback(_code(tmp_path, "server.go", GO_HOOK))
    assert construct is not None and construct.line == 9
    assert "lifecycle.OnShutdown" in construct.what and "`req`" in construct.what
    assert "req.ID" in construct.fix
    unregistered = GO_HOOK.replace("s.Spool.Put(", "lifecycle.Remove(req.ID)\n\t\ts.Spool.Put(")
    assert retained_by_callback(_code(tmp_path, "server.go", unregistered)) is None


def test_a_copy_of_the_piece_kept_in_a_field_pins_nothing(tmp_path: Path) -> None:
    copied = GO_CONSUMER.replace("id := frame[4:36]", "id := string(frame[4:36])")
    assert retained_piece(_code(tmp_path, "bridge.go", copied)) is None


JOURNAL = """package gate

func (j *Journal) Append(r Record) {
	j.f.Write(r.Line())
	j.f.Sync()
}
"""

ADMISSION = """package gate

func (a *Admission) AdmitBatch(scans []Scan) {
	for _, scan := range scans {
		a.journal.Append(record(scan))
	}
}
"""


def test_a_cost_paid_once_per_call_says_how_often_its_caller_calls_it(tmp_path: Path) -> None:
    (tmp_path / "journal.go").write_text(JOURNAL)
    (tmp_path / "admission.go").write_text(ADMISSION)
    admit = top_row(1, "gate.(*Admission).AdmitBatch", "admission.go", 5, 0.5, 97.0)
    append = top_row(2, "gate.(*Journal).Append", "journal.go", 5, 96.0, 96.0)
    findings = analyse(
        cpu_table([admit, append]).model_copy(update={"sample_type": "wall"}),
        [
            in_repo_match(admit, "\t\ta.journal.Append(record(scan))"),
            in_repo_match(append, "\tj.f.Sync()"),
        ],
        knowledge.lookup,
        nesting=Nesting(shares={"1>2": 0.99}, under={"1>2": 1.0}),
        facts_of=lambda path, line, name: function_facts(tmp_path, path, line, name),
        family="wall",
    )
    first = findings[0]
    assert first.title.startswith("File synced to disk after every record")
    assert "`AdmitBatch` calls it once per scan (every element of the loop over `scans`" in (
        first.explanation
    )
    assert "group commit" in first.recommendation


TOKEN = """package token

func mac(secret, input []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(input)
	return m.Sum(nil)
}

func (v *Verifier) Verify(input, sig []byte) bool {
	for _, k := range v.Ring.Valid() {
		if hmac.Equal(mac(k.Secret, input), sig) {
			return true
		}
	}
	return false
}
"""


def test_a_callee_tried_for_each_element_until_one_matches_is_picked_directly(
    tmp_path: Path,
) -> None:
    (tmp_path / "token.go").write_text(TOKEN)
    verify = top_row(1, "token.(*Verifier).Verify", "token.go", 11, 0.5, 97.0)
    mac = top_row(2, "token.mac", "token.go", 4, 90.0, 96.0)
    findings = analyse(
        cpu_table([verify, mac]),
        [
            in_repo_match(verify, "\t\tif hmac.Equal(mac(k.Secret, input), sig) {"),
            in_repo_match(mac, "\tm := hmac.New(sha256.New, secret)"),
        ],
        knowledge.lookup,
        nesting=Nesting(shares={"1>2": 0.99}, under={"1>2": 1.0}),
        facts_of=lambda path, line, name: function_facts(tmp_path, path, line, name),
        family="cpu",
    )
    first = findings[0]
    # The input is the call's own: no stored digest to keep.
    assert first.title.startswith("Input hashed on every call")
    assert "for each element of `v.Ring.Valid()` until one matches" in first.explanation
    assert first.recommendation.startswith("Pick the element directly")
    assert "ETag" not in first.recommendation
