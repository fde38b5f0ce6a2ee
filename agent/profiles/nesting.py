"""Which rows of a top table run inside which: the call-stack facts a flat table hides.

``pprof -top`` lists flat and cum per node but not who calls whom, so two rows with 93% cum
each may be a caller and its callee or two halves of different stacks. The analyst needs to
know: a load-generator closure whose cost is all inside the service's search function is the
path to the problem, not the problem, and ``fmt.Fprintf`` writing into a gzip writer spends its
time compressing, not formatting.

For chosen rows ``a`` and ``b`` this module measures, over the profile's samples, the share of
``a``'s value spent in samples where ``b`` is on the stack *below* ``a`` (``b`` runs inside
``a``). Computed with numpy from the same frames as the table (same nodes, same sample value).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, Field

from profile_insights.agent.profiles.frames import PreparedProfile
from profile_insights.agent.profiles.table import TopRow
from profile_insights.agent.profiles.top import resolve_sample_index

#: Shares below this are not kept: the analyst only asks "does most of a run inside b".
MIN_SHARE = 0.5


class Nesting(BaseModel):
    """Shares of one row's value spent inside another row (row ranks as in the table)."""

    shares: dict[str, float] = Field(
        default_factory=dict,
        description='"outer>inner" rank pairs -> share of outer\'s value with inner below it.',
    )
    under: dict[str, float] = Field(
        default_factory=dict,
        description='"outer>inner" rank pairs -> share of inner\'s value spent inside outer.',
    )

    def inside(self, outer: int, inner: int) -> float:
        """Return the share of row ``outer``'s value spent with row ``inner`` below it."""
        return self.shares.get(f"{outer}>{inner}", 0.0)

    def share_under(self, outer: int, inner: int) -> float:
        """Return the share of row ``inner``'s value spent with row ``outer`` above it."""
        return self.under.get(f"{outer}>{inner}", 0.0)


def row_nesting(
    prepared: PreparedProfile,
    rows: Sequence[TopRow],
    *,
    sample_index: str | int | None = None,
    min_share: float = MIN_SHARE,
) -> Nesting:
    """Return how much of each row's value runs inside each other row (``-lines`` rows).

    Args:
        prepared: The prepared profile the table was built from.
        rows: Rows of its ``-lines`` table (matched to graph nodes by function, file, line).
        sample_index: The table's sample index.
        min_share: Pairs below this share are left out.
    """
    frames = prepared.frames(True)
    index = resolve_sample_index(prepared.profile, sample_index)
    weights = np.asarray(prepared.values[:, index], dtype=np.int64)
    node_of = {(name, file, line): n for n, (name, file, _s, line, _o) in enumerate(frames.infos)}
    chosen = [
        (row.rank, node_of.get((row.function or row.name, row.file or "", row.line or 0)))
        for row in rows
    ]
    chosen = [(rank, node) for rank, node in chosen if node is not None]
    if len(chosen) < 2 or frames.node.size == 0:
        return Nesting()
    slot = np.full(len(frames.infos), -1, dtype=np.int64)
    for position, (_, node) in enumerate(chosen):
        slot[node] = position
    keep = np.flatnonzero((slot[frames.node] >= 0) & (weights[frames.sample] != 0))
    kept_samples = frames.sample[keep]
    # Depth of each kept frame in its sample, leaf = 0 (frames are leaf first per sample).
    kept_depth = keep - np.searchsorted(frames.sample, kept_samples, side="left")
    samples, inverse = np.unique(kept_samples, return_inverse=True)
    columns = slot[frames.node[keep]]
    # Per (sample, row): deepest and outermost depth of the row's node on the stack (flat
    # cell ids, sorted by depth, so the first and last of each cell are its extremes).
    cells = inverse * len(chosen) + columns
    order = np.lexsort((kept_depth, cells))
    cells, kept_depth = cells[order], kept_depth[order]
    first = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]])
    last = np.r_[first[1:] - 1, cells.size - 1]
    size = samples.size * len(chosen)
    deepest_flat = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
    outermost_flat = np.full(size, -1, dtype=np.int64)
    deepest_flat[cells[first]] = kept_depth[first]
    outermost_flat[cells[first]] = kept_depth[last]
    deepest = deepest_flat.reshape(samples.size, len(chosen))
    outermost = outermost_flat.reshape(samples.size, len(chosen))
    sample_weights = np.abs(weights[samples]).astype(np.float64)
    present = outermost >= 0
    row_totals = sample_weights @ present
    shares: dict[str, float] = {}
    under: dict[str, float] = {}
    for a, (outer_rank, _) in enumerate(chosen):
        rows_with_a = np.flatnonzero(present[:, a])
        total = float(sample_weights[rows_with_a].sum())
        if total == 0:
            continue
        outer_at = outermost[rows_with_a, a][:, None]
        below = present[rows_with_a] & (deepest[rows_with_a] < outer_at)
        inside = sample_weights[rows_with_a] @ below
        for b, (inner_rank, _) in enumerate(chosen):
            if b == a or inside[b] == 0:
                continue
            share = float(inside[b]) / total
            if share >= min_share:
                shares[f"{outer_rank}>{inner_rank}"] = round(share, 4)
            share = float(inside[b]) / float(row_totals[b])
            if share >= min_share:
                under[f"{outer_rank}>{inner_rank}"] = round(share, 4)
    return Nesting(shares=shares, under=under)


def innermost_shares(
    prepared: PreparedProfile,
    rows: Sequence[TopRow],
    *,
    among: set[int],
    total: float,
    sample_index: str | int | None = None,
) -> dict[int, float]:
    """Return, per row of ``among``, the % of ``total`` whose innermost ``among`` row it is.

    With ``among`` the rows of the user's checkout, each sample is blamed on the deepest line of
    their own code on its stack: the line that calls into the library or runtime work below it,
    or does the work itself. Callers that only pass time on get what they do themselves.
    """
    frames = prepared.frames(True)
    if not among or total == 0 or frames.node.size == 0:
        return {}
    index = resolve_sample_index(prepared.profile, sample_index)
    weights = np.asarray(prepared.values[:, index], dtype=np.int64)
    node_of = {(name, file, line): n for n, (name, file, _s, line, _o) in enumerate(frames.infos)}
    rank_of_node = np.full(len(frames.infos), -1, dtype=np.int64)
    for row in rows:
        node = node_of.get((row.function or row.name, row.file or "", row.line or 0))
        if row.rank in among and node is not None:
            rank_of_node[node] = row.rank
    keep = np.flatnonzero((rank_of_node[frames.node] >= 0) & (weights[frames.sample] != 0))
    if keep.size == 0:
        return {}
    # Frames are leaf first within a sample: the first kept frame of a sample is its innermost.
    samples = frames.sample[keep]
    first = np.r_[True, samples[1:] != samples[:-1]]
    innermost = rank_of_node[frames.node[keep[first]]]
    values = np.abs(weights[samples[first]]).astype(np.float64)
    shares: dict[int, float] = {}
    for rank, value in zip(innermost.tolist(), values.tolist(), strict=True):
        shares[rank] = shares.get(rank, 0.0) + value
    return {rank: round(100.0 * value / abs(total), 4) for rank, value in shares.items()}
