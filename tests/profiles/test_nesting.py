"""Which rows of a top table run inside which, measured from the profile's stacks."""

from __future__ import annotations

from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.frames import prepare
from profile_insights.agent.profiles.nesting import Nesting, innermost_shares, row_nesting
from profile_insights.agent.profiles.top import top_table
from tests.conftest import REPO_ROOT

DEMO = REPO_ROOT / "agent/demo/recording/profiles/checkout-cpu-0.pb.gz"
PRICING = "github.com/acme/checkout/internal/pricing."


def _demo() -> tuple[dict[str, int], Nesting]:
    profile = decode_profile(DEMO.read_bytes(), name=DEMO.name)
    prepared = prepare(profile)
    table = top_table(profile, lines=True, cum=True, prepared=prepared)
    rows = table.rows[:20]
    ranks = {row.function or row.name: row.rank for row in rows}
    return ranks, row_nesting(prepared, rows)


def test_a_callee_runs_inside_its_caller_and_not_the_reverse() -> None:
    ranks, nesting = _demo()
    price, coupon = ranks[PRICING + "Price"], ranks[PRICING + "validCoupon"]
    compile_ = ranks["regexp.Compile"]

    # Price -> discount -> validCoupon -> regexp.MustCompile -> regexp.Compile.
    assert nesting.inside(price, coupon) > 0.9
    assert nesting.inside(coupon, compile_) > 0.99
    assert nesting.inside(coupon, price) == 0.0
    assert nesting.inside(compile_, coupon) == 0.0


def test_the_share_of_a_callee_under_its_caller_is_measured_from_the_callee_side() -> None:
    ranks, nesting = _demo()
    coupon, compile_ = ranks[PRICING + "validCoupon"], ranks["regexp.Compile"]
    grow = ranks["runtime.growslice"]
    # All of regexp.Compile (and of growslice) runs under validCoupon; validCoupon's own
    # value is mostly, not only, regexp.Compile.
    assert nesting.share_under(coupon, compile_) == 1.0
    assert nesting.share_under(coupon, grow) > 0.95
    assert nesting.inside(coupon, grow) < 0.5 < nesting.share_under(coupon, grow)
    assert nesting.share_under(compile_, coupon) == 0.0


def test_only_shares_of_at_least_half_are_kept() -> None:
    _, nesting = _demo()
    shares = nesting.shares
    assert shares and all(0.5 <= share <= 1.0 for share in shares.values())


def test_each_sample_is_blamed_on_the_innermost_line_of_the_checkout() -> None:
    profile = decode_profile(DEMO.read_bytes(), name=DEMO.name)
    prepared = prepare(profile)
    table = top_table(profile, lines=True, cum=True, prepared=prepared)
    rows = table.rows[:20]
    ranks = {row.function or row.name: row.rank for row in rows}
    mine = {r.rank for r in rows if (r.function or "").startswith(("main.", PRICING))}

    shares = innermost_shares(prepared, rows, among=mine, total=table.total)

    coupon = ranks[PRICING + "validCoupon"]
    # validCoupon calls regexp.Compile: the regexp work is blamed on it, not on its callers.
    assert shares[coupon] == max(shares.values()) > 80
    assert shares[ranks[PRICING + "Price"]] < 1
    assert sum(shares.values()) <= 100.0001
    assert set(shares) <= mine
