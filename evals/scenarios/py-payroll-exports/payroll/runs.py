"""Payroll runs: the payslips of one company's pay period."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

FIRST = ["Ana", "Ben", "Chloe", "Dmitri", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas",
         "Kira", "Luca", "Maya", "Nils", "Olga", "Paul", "Rosa", "Sami", "Tara", "Yusuf"]
LAST = ["Almeida", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat",
        "Ivanova", "Jansen", "Kowalski", "Larsen", "Moreau", "Novak", "Olsen", "Petrov"]


@dataclass(frozen=True)
class Payslip:
    employee_id: str
    name: str
    cost_centre: str
    gross_cents: int
    tax_cents: int
    social_cents: int
    pension_cents: int
    iban: str

    @property
    def net_cents(self) -> int:
        return self.gross_cents - self.tax_cents - self.social_cents - self.pension_cents


@dataclass
class PayrollRun:
    run_id: str
    company: str
    period: str
    payslips: list[Payslip] = field(default_factory=list)

    def totals(self) -> tuple[int, int]:
        gross = sum(p.gross_cents for p in self.payslips)
        return gross, sum(p.net_cents for p in self.payslips)


def _iban(rng: random.Random) -> str:
    return "DE" + "".join(str(rng.randint(0, 9)) for _ in range(20))


class PayrollStore:
    """The open payroll runs (synthetic): 3,000-9,000 payslips each."""

    def __init__(self, seed: int = 5, runs: int = 12):
        rng = random.Random(seed)
        self._runs: dict[str, PayrollRun] = {}
        for index in range(runs):
            run = PayrollRun(f"run-{2026}{index + 1:03d}", f"company-{index % 4}", "2026-01")
            for n in range(rng.randint(3000, 9000)):
                gross = rng.randint(180_000, 1_200_000)
                run.payslips.append(Payslip(
                    employee_id=f"E{index:02d}{n:05d}",
                    name=f"{rng.choice(LAST)}, {rng.choice(FIRST)}",
                    cost_centre=f"CC{rng.randint(100, 180)}",
                    gross_cents=gross,
                    tax_cents=gross * rng.randint(14, 32) // 100,
                    social_cents=gross * 9 // 100,
                    pension_cents=gross * rng.randint(0, 6) // 100,
                    iban=_iban(rng),
                ))
            self._runs[run.run_id] = run

    def run_ids(self) -> list[str]:
        return list(self._runs)

    def get(self, run_id: str) -> PayrollRun:
        return self._runs[run_id]
