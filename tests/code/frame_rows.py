"""Frames exactly as the profilers print them: pprof's rows and every stack frame of a profile."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.code.frame_names import frame_of, parse_frame
from profile_insights.agent.code.models import Frame
from profile_insights.agent.profiles.decoded import decoded_file
from profile_insights.agent.profiles.pprof_text import parse_top_text

#: A Node.js service recorded with the real @pyroscope/nodejs 0.6.4 (``record.sh`` beside it).
NODE_SDK = Path(__file__).resolve().parent / "nodejs_sdk"
#: A Python service recorded with the real pyroscope-io 1.4.0 (``record.sh`` beside it).
PYTHON_SDK = Path(__file__).resolve().parent / "python_sdk"

#: The rideshare server's definitions at the lines pprof-rs's frames point into.
RUST_MAIN = {
    60: "async fn main() {",
    111: "fn order_bike(n: u64) {",
    115: "fn order_scooter(n: u64) {",
    119: "fn order_car(n: u64) {",
    123: "fn find_nearest_vehicle(n: u64, vehicle: &str) {",
    139: "fn check_driver_availability(n: u64) {",
}


def row_frame(shared: Path, table: str, function: str, line: int | None = None) -> Frame:
    """Return the parsed frame of the first row of pprof's saved output naming ``function``."""
    text = (shared / "profiles" / table).read_text()
    rows = parse_top_text(text, lines="lines" in table).rows
    row = next(
        r for r in rows if (r.function or r.name) == function and (line is None or r.line == line)
    )
    return frame_of(row)


def stack_frames(profile: Path) -> dict[str, Frame]:
    """Return every frame of a profile's stacks, parsed, by function name as pprof prints it."""
    frames = decoded_file(profile).prepared.frames(True)
    return {
        info[0]: parse_frame(info[0], info[1] or None, info[3] or None) for info in frames.infos
    }
