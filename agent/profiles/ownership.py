"""Who owns each sample: the innermost frame of the user's code, and the library work below it.

Every sample of the profile is blamed on its *owner*: the innermost frame (leaf side) that the
caller's predicate accepts, typically a line of the user's checkout. The owner either does the
work itself or calls the library and runtime work below it; of that work, the *cause* is the
labelled frame nearest the owner (the call the code made: ``regexp.MustCompile``,
``copy.deepcopy``) and the *leaf* the labelled frame deepest in the stack (where the CPU was:
``runtime.mallocgc``, ``runtime.scanobject``). Samples with no owner (GC workers, an idle event
loop, the profiler itself) are counted by their leaf label.

Computed over all samples with numpy from the same frames as the top table, so a line of the
checkout is found at any rank, not only among the rows a report shows.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from pydantic import BaseModel, Field

from profile_insights.agent.profiles.frames import NodeInfo, PreparedProfile
from profile_insights.agent.profiles.pprof_graph import cum_once_per_sample
from profile_insights.agent.profiles.top import resolve_sample_index


class OwnedLine(BaseModel):
    """One owner line: the share of the total it owns and what the library did below it."""

    function: str
    file: str
    line: int
    own_pct: float = Field(description="% of the total whose owner this line is.")
    cause_pct: dict[str, float] = Field(
        default_factory=dict,
        description="label -> % of the total: the labelled frame nearest below this line.",
    )
    leaf_pct: dict[str, float] = Field(
        default_factory=dict,
        description="label -> % of the total: the deepest labelled frame below this line.",
    )


class Ownership(BaseModel):
    """Every owner line of a profile, heaviest first, and what nobody owns."""

    lines: list[OwnedLine] = Field(default_factory=list)
    unowned_pct: float = 0.0
    unowned_leaf_pct: dict[str, float] = Field(
        default_factory=dict, description="label -> % of the total, for samples with no owner."
    )

    def of(self, function: str, file: str | None, line: int | None) -> OwnedLine | None:
        """Return the owner line for a (function, file, line), if it owns anything."""
        for owned in self.lines:
            if (owned.function, owned.file, owned.line) == (function, file or "", line or 0):
                return owned
        return None


def _round(table: dict[str, float], total: float) -> dict[str, float]:
    return {key: round(100.0 * value / total, 4) for key, value in table.items() if value}


def _pairs(
    owner: np.ndarray, label: np.ndarray, weights: np.ndarray, width: int, labels: list[str]
) -> dict[int, dict[str, float]]:
    """Sum sample weights per (owner node, label)."""
    both = (owner >= 0) & (label >= 0)
    keys = owner[both] * width + label[both]
    found, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse, weights[both], minlength=found.size)
    table: dict[int, dict[str, float]] = {}
    for key, value in zip(found.tolist(), sums.tolist(), strict=True):
        table.setdefault(key // width, {})[labels[key % width]] = value
    return table


def ownership(
    prepared: PreparedProfile,
    *,
    is_owner: Callable[[NodeInfo], bool],
    label: Callable[[NodeInfo], str | None],
    sample_index: str | int | None = None,
    min_pct: float = 0.01,
) -> Ownership:
    """Return who owns the samples of a profile (see the module docstring).

    Args:
        prepared: The prepared profile (its ``-lines`` frames are used).
        is_owner: Whether a frame (name, file, start line, line, object file) may own samples;
            asked once per function and file, as the lines of a function share the answer.
        label: What a frame is (a knowledge-base id), or None for an unlabelled frame (asked
            as ``is_owner`` is, for the frames that do not own).
        sample_index: The sample type to weigh samples by.
        min_pct: Owner lines below this share of the total are left out.
    """
    frames = prepared.frames(True)
    index = resolve_sample_index(prepared.profile, sample_index)
    weights = np.abs(np.asarray(prepared.values[:, index], dtype=np.float64))
    total = float(weights.sum())
    if total == 0 or frames.node.size == 0:
        return Ownership()
    # Frames too light to matter (below min_pct of the total with their callees) are not
    # asked about: a large profile has tens of thousands of functions.
    count = len(frames.infos)
    node_cum = cum_once_per_sample(frames.node, frames.sample, weights, count)
    relevant = np.flatnonzero(node_cum >= total * min_pct / 100.0).tolist()
    owner_of_node = np.zeros(count, dtype=bool)
    label_of_node = np.full(count, -1, dtype=np.int64)
    positions: dict[str, int] = {}
    # Lines of one function share its answers: ask once per (function, file).
    decided: dict[tuple[str, str], tuple[bool, int]] = {}
    for node in relevant:
        info = frames.infos[node]
        key = (info[0], info[1])
        if key not in decided:
            owns = is_owner(info)
            name = None if owns else label(info)
            decided[key] = (
                owns,
                -1 if name is None else positions.setdefault(name, len(positions)),
            )
        owner_of_node[node], label_of_node[node] = decided[key]
    labels = list(positions)
    sample = frames.sample
    # Where each sample's frames begin (``sample`` is sorted): a running count, no search.
    starts = np.zeros(weights.size, dtype=np.int64)
    np.cumsum(np.bincount(sample, minlength=weights.size)[:-1], out=starts[1:])
    depth = np.arange(sample.size) - starts[sample]
    # The owner of a sample: its shallowest-depth (leaf-most) owner frame.
    big = np.iinfo(np.int64).max
    owner_depth = np.full(weights.size, big, dtype=np.int64)
    owned_frames = np.flatnonzero(owner_of_node[frames.node])
    np.minimum.at(owner_depth, sample[owned_frames], depth[owned_frames])
    owner_node = np.full(weights.size, -1, dtype=np.int64)
    at_owner = owned_frames[depth[owned_frames] == owner_depth[sample[owned_frames]]]
    owner_node[sample[at_owner]] = frames.node[at_owner]
    # Labelled frames below the owner (or anywhere, without an owner): nearest and deepest.
    labelled = np.flatnonzero(label_of_node[frames.node] >= 0)
    below = labelled[depth[labelled] < owner_depth[sample[labelled]]]
    cause_depth = np.full(weights.size, -1, dtype=np.int64)
    np.maximum.at(cause_depth, sample[below], depth[below])
    leaf_depth = np.full(weights.size, big, dtype=np.int64)
    np.minimum.at(leaf_depth, sample[below], depth[below])
    cause_label = np.full(weights.size, -1, dtype=np.int64)
    leaf_label = np.full(weights.size, -1, dtype=np.int64)
    at_cause = below[depth[below] == cause_depth[sample[below]]]
    cause_label[sample[at_cause]] = label_of_node[frames.node[at_cause]]
    at_leaf = below[depth[below] == leaf_depth[sample[below]]]
    leaf_label[sample[at_leaf]] = label_of_node[frames.node[at_leaf]]
    nodes, width = len(frames.infos), max(len(labels), 1)
    has_owner = owner_node >= 0
    own_values = np.bincount(owner_node[has_owner], weights[has_owner], minlength=nodes)
    own = {int(n): float(own_values[n]) for n in np.flatnonzero(own_values)}
    cause = _pairs(owner_node, cause_label, weights, width, labels)
    leaf = _pairs(owner_node, leaf_label, weights, width, labels)
    unowned = float(weights[~has_owner].sum())
    lone = (~has_owner) & (leaf_label >= 0)
    lone_values = np.bincount(leaf_label[lone], weights[lone], minlength=width)
    unowned_leaf = {labels[k]: float(lone_values[k]) for k in np.flatnonzero(lone_values)}
    lines = [
        OwnedLine(
            function=frames.infos[node][0],
            file=frames.infos[node][1],
            line=frames.infos[node][3],
            own_pct=round(100.0 * value / total, 4),
            cause_pct=_round(cause.get(node, {}), total),
            leaf_pct=_round(leaf.get(node, {}), total),
        )
        for node, value in sorted(own.items(), key=lambda item: -item[1])
        if 100.0 * value / total >= min_pct
    ]
    return Ownership(
        lines=lines,
        unowned_pct=round(100.0 * unowned / total, 4),
        unowned_leaf_pct=_round(unowned_leaf, total),
    )


def exclusive_costs(
    prepared: PreparedProfile,
    *,
    is_owner: Callable[[NodeInfo], bool],
    sample_index: str | int | None = None,
) -> list[tuple[NodeInfo, float, bool]]:
    """Return what each line costs exclusively: as an owner, or as the leaf of unowned samples.

    Every sample is charged once: to its innermost owner frame (``True``), or, when no frame
    of the stack is an owner (GC workers, an idle loop), to its leaf frame (``False``). The
    values add up to the profile's total; this is what two profiles are compared on.
    """
    frames = prepared.frames(True)
    index = resolve_sample_index(prepared.profile, sample_index)
    weights = np.abs(np.asarray(prepared.values[:, index], dtype=np.float64))
    count = len(frames.infos)
    if count == 0 or weights.sum() == 0:
        return []
    owner_of_node = np.fromiter((is_owner(info) for info in frames.infos), dtype=bool, count=count)
    owned = np.flatnonzero(owner_of_node[frames.node])
    charged = frames.leaf_node.astype(np.int64).copy()
    is_owned = np.zeros(weights.size, dtype=bool)
    if owned.size:
        # Frames are leaf first within a sample: a sample's first owner frame is its innermost.
        samples = frames.sample[owned]
        first = np.r_[True, samples[1:] != samples[:-1]]
        charged[samples[first]] = frames.node[owned[first]]
        is_owned[samples[first]] = True
    found: list[tuple[NodeInfo, float, bool]] = []
    for flag in (True, False):
        chosen = (charged >= 0) & (is_owned == flag)
        sums = np.bincount(charged[chosen], weights[chosen], minlength=count)
        found += [(frames.infos[n], float(sums[n]), flag) for n in np.flatnonzero(sums)]
    return found
