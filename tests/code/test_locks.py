"""Lock regions: which statements hold a lock, in every grammar."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.code.structure import function_facts


def test_a_python_with_on_a_lock_made_under_another_name_is_a_lock_region(tmp_path: Path) -> None:
    source = (
        "import threading\n"
        "class Registry:\n"
        "    def __init__(self):\n"
        "        self._guard = threading.Lock()\n"
        "        self._cond: threading.Condition = threading.Condition()\n"
        "    def get(self, key):\n"
        "        with self._guard:\n"
        "            value = self._items.get(key)\n"
        "        with self._cond:\n"
        "            self._cond.notify()\n"
        "        with open(key) as f:\n"
        "            return f.read()\n"
    )
    (tmp_path / "registry.py").write_text(source)
    facts = function_facts(tmp_path, "registry.py", 8)
    assert facts is not None
    # threading.Lock() makes a lock and takes none; open() is no lock.
    assert [(r.line, r.lock) for r in facts.locks] == [
        (7, "with self._guard"),
        (9, "with self._cond"),
    ]
