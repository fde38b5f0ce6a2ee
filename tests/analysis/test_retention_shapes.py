"""What is not retention stays unnamed: a ring, a counter, a kept value taken out again."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.analysis.constructs import HotCode, best_construct
from profile_insights.agent.analysis.recognisers import RECOGNISERS
from profile_insights.agent.code.structure import function_facts
from tests.analysis.test_recognisers import construct_at

RING = """package q
type Ring struct{ items []Entry; next int }
func (r *Ring) Add(e Entry) {
	r.items[r.next%len(r.items)] = e
	r.next++
}
"""

COUNTER = """class Meter:
    def observe(self, sample):
        self.total += sample.bytes
        self.count += 1
"""

RELEASED = """package q
type Registry struct{ waiters map[string]chan Result }
func (r *Registry) Wait(id string) Result {
	ch := make(chan Result, 1)
	r.waiters[id] = ch
	defer delete(r.waiters, id)
	return <-ch
}
"""

NONE_DEFAULT = """def remember(item, seen=None):
    if seen is None:
        seen = []
    seen.append(item.to_dict())
    return len(seen)
"""

BOUNDED_MEMO = """import functools

@functools.lru_cache(maxsize=1024)
def render(template_id, user_id):
    return build_page(template_id, user_id)
"""


def test_a_store_into_a_ring_that_wraps_its_index_does_not_grow(tmp_path: Path) -> None:
    assert construct_at(tmp_path, "ring.go", RING, 4, family="inuse") is None


def test_adding_numbers_to_fields_is_not_a_growing_container(tmp_path: Path) -> None:
    assert construct_at(tmp_path, "meter.py", COUNTER, 3, family="inuse") is None


def test_a_value_taken_out_again_when_the_call_ends_is_not_kept(tmp_path: Path) -> None:
    assert construct_at(tmp_path, "registry.go", RELEASED, 4, family="inuse") is None


def test_a_default_of_none_makes_a_new_container_per_call(tmp_path: Path) -> None:
    assert construct_at(tmp_path, "remember.py", NONE_DEFAULT, 4, family="inuse") is None


def test_a_memo_with_a_size_bound_is_not_unbounded(tmp_path: Path) -> None:
    assert construct_at(tmp_path, "render.py", BOUNDED_MEMO, 5, family="inuse") is None


def test_a_memo_with_no_bound_says_it_keeps_every_result(tmp_path: Path) -> None:
    source = BOUNDED_MEMO.replace("maxsize=1024", "maxsize=None")
    construct = construct_at(tmp_path, "render.py", source, 5, family="inuse")
    assert construct is not None and construct.key == "unbounded-memo"
    assert "maxsize" in construct.fix and "every distinct argument" in construct.what


def test_a_library_cost_that_carries_little_of_the_function_does_not_name_it(
    tmp_path: Path,
) -> None:
    source = "def deliver(msg, relay):\n    return relay.send(msg)\n"
    (tmp_path / "deliver.py").write_text(source)
    facts = function_facts(tmp_path, "deliver.py", 2)
    assert facts is not None
    minor = HotCode(facts, (2,), "wall", causes={"py-copy": 2.0}, weights={2: 90.0})
    major = HotCode(facts, (2,), "wall", causes={"py-copy": 60.0}, weights={2: 90.0})
    assert best_construct(minor, RECOGNISERS) is None
    found = best_construct(major, RECOGNISERS)
    assert found is not None and found.key == "deep-copy"


UNSUBSCRIBED_ON_CLOSE = """package p
func (h *Hub) Subscribe(id uint64) *Subscription {
	sub := &Subscription{ID: id, C: make(chan Quote, 512)}
	h.subs[sub.ID] = sub
	return sub
}

func (h *Hub) Unsubscribe(sub *Subscription) {
	delete(h.subs, sub.ID)
}

func (s *Session) Close() {
	s.hub.Unsubscribe(s.sub)
}
"""


def test_a_remover_that_is_called_is_no_registration_never_removed(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "hub.go", UNSUBSCRIBED_ON_CLOSE, 3, family="inuse")
    assert construct is None or construct.key != "remover-never-called"


DEFERRED_CANCEL = """package p
func (st *Station) Handle(frame []byte) (string, error) {
	job, err := wire.Decode(frame)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(st.ctx, time.Second)
	defer cancel()
	return render.ZPL(ctx, job)
}
"""


def test_a_deferred_cancel_releases_the_derived_context(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "station.go", DEFERRED_CANCEL, 3, family="inuse")
    assert construct is None or construct.key != "cancel-skipped"


CHECKS_THE_REQUEST = """package p
func (s *Store) Keep(id string, payload []byte) error {
	if len(payload) > s.maxPayload {
		return errTooLarge
	}
	s.blobs[id] = append([]byte(nil), payload...)
	return nil
}
"""


def test_a_size_check_of_the_request_is_no_bound_on_the_container(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "store.go", CHECKS_THE_REQUEST, 6, family="inuse")
    assert construct is None or construct.key != "bounded-by-count"


STAMPED_VALUE = """package p
func (s *Server) Menu(storeID string, now time.Time) []byte {
	if e, ok := s.cache.Get(storeID); ok && now.Sub(e.At) < time.Minute {
		return e.Doc
	}
	doc := render(storeID, now)
	s.cache.Put(storeID, Entry{Doc: doc, At: now})
	return doc
}
"""


def test_a_timestamp_in_the_cached_value_is_no_key_that_never_repeats(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "menu.go", STAMPED_VALUE, 6, family="inuse")
    assert construct is None or construct.key != "key-never-repeats"


TRUNCATED_IN_ALLOC = """package p
func (h *Hub) Join(id uint64) *Viewer {
	v := NewViewer(id)
	s := h.stream()
	s.viewers = append(s.viewers, v)
	return v
}
func (h *Hub) Leave(i int) {
	s := h.stream()
	last := len(s.viewers) - 1
	s.viewers[i] = s.viewers[last]
	s.viewers = s.viewers[:last]
}
"""


def test_what_stays_reachable_explains_no_allocation_profile(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "hub.go", TRUNCATED_IN_ALLOC, 3, family="alloc")
    assert construct is None or construct.key != "truncated-not-cleared"


TRACKER = """package p
func (t *Tracker) Track(id uint64, frame []byte) {
	t.pending[id] = &Inflight{ID: id, Frame: frame}
}
func (t *Tracker) Ack(id uint64) {
	delete(t.pending, id)
}
func (t *Tracker) Due() {
	for _, f := range t.pending {
		if f.Attempts >= 5 {
			f.Failed = true
			continue
		}
		f.Attempts++
	}
}
"""

GATEWAY = """package p
func (g *Gateway) Send(id uint64, n *Note) error {
	frame, err := Render(n)
	if err != nil {
		return err
	}
	g.tracker.Track(id, frame)
	if g.link.Deliver(frame) {
		g.tracker.Ack(id)
	}
	return nil
}
"""


def test_entries_only_marked_when_given_up_stay_in_the_keeping_method_s_container(
    tmp_path: Path,
) -> None:
    (tmp_path / "tracker.go").write_text(TRACKER)
    construct = construct_at(tmp_path, "gateway.go", GATEWAY, 3, family="inuse")
    assert construct is not None and construct.key == "marked-not-removed"
    assert "Due" in construct.what and "pending" in construct.what


APPENDS_INTO_ITS_SLICE = """package p
func Encode(n *Note) []byte {
	frame := make([]byte, 0, 64)
	frame = binary.BigEndian.AppendUint32(frame, uint32(n.Size))
	return append(frame, n.Body...)
}
"""


def test_go_append_functions_keep_nothing_in_their_receiver(tmp_path: Path) -> None:
    construct = construct_at(tmp_path, "encode.go", APPENDS_INTO_ITS_SLICE, 3, family="inuse")
    assert construct is None or construct.key != "kept-value"


def test_a_map_keyed_per_call_names_every_new_key_and_a_coarser_key_as_fix(
    tmp_path: Path,
) -> None:
    source = (
        "package telemetry\nfunc (r *Registry) lookup(name string) *series {\n"
        "\ts, ok := r.series[name]\n\tif !ok {\n\t\ts = &series{name: name}\n"
        "\t\tr.series[name] = s\n\t}\n\treturn s\n}\n"
    )
    construct = construct_at(tmp_path, "latency.go", source, 6, family="inuse")
    assert construct is not None and construct.key == "unbounded-growth"
    assert "every new key (`name`)" in construct.what
    assert construct.fix.startswith("Key it by something with few distinct values")
