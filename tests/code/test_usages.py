"""A function is used when the checkout's code mentions it off its definition, tests aside."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.code.usages import mentioned_elsewhere

HUB = """package feed

// Unsubscribe removes a subscription.
func (h *Hub) Unsubscribe(sub *Subscription) {
	delete(h.subs, sub.ID)
}
"""


def test_a_function_only_defined_and_described_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "hub.go").write_text(HUB)
    assert not mentioned_elsewhere(str(tmp_path), "go", "Unsubscribe")


def test_a_call_from_another_file_is_a_use(tmp_path: Path) -> None:
    (tmp_path / "hub.go").write_text(HUB)
    (tmp_path / "session.go").write_text(
        "package feed\nfunc (s *S) Close() { s.h.Unsubscribe(s.sub) }\n"
    )
    assert mentioned_elsewhere(str(tmp_path), "go", "Unsubscribe")


def test_a_call_made_only_by_tests_is_no_use_by_the_service(tmp_path: Path) -> None:
    (tmp_path / "hub.go").write_text(HUB)
    (tmp_path / "hub_test.go").write_text("package feed\nfunc TestX() { h.Unsubscribe(nil) }\n")
    assert not mentioned_elsewhere(str(tmp_path), "go", "Unsubscribe")


def test_a_python_method_passed_as_a_callback_is_a_use(tmp_path: Path) -> None:
    (tmp_path / "hub.py").write_text(
        "class Hub:\n    def unsubscribe(self, s):\n        del self.subs[s]\n"
    )
    (tmp_path / "app.py").write_text("conn.on_close(hub.unsubscribe)\n")
    assert mentioned_elsewhere(str(tmp_path), "python", "unsubscribe")
