"""The export layout: a header, one fixed-width line per payslip, a trailer with the totals.

The bank's format (SEPA batch, fixed width, 132 characters a line):

    H <company:12> <period:7> <run id:12> <payslip count:6>
    P <employee:8> <name:28> <cost centre:6> <gross:13> <deductions:13> <net:13> <iban:22>
    T <gross total:15> <net total:15>
"""

from __future__ import annotations

from payroll.runs import PayrollRun

LINE_WIDTH = 132


def header_line(run: PayrollRun) -> str:
    return f"H {run.company:<12} {run.period:<7} {run.run_id:<12} {len(run.payslips):>6}".ljust(LINE_WIDTH)


def trailer_line(run: PayrollRun) -> str:
    gross, net = run.totals()
    return f"T {gross / 100:>15,.2f} {net / 100:>15,.2f}".ljust(LINE_WIDTH)


def export_text(run: PayrollRun) -> str:
    """The export file of a payroll run, as the bank receives it."""
    lines = [header_line(run)]
    for slip in run.payslips:
        deductions = slip.tax_cents + slip.social_cents + slip.pension_cents
        net = slip.gross_cents - deductions
        name = slip.name.upper()[:28]
        acct = slip.iban
        iban = f"{acct[:4]} {acct[4:8]} {acct[8:12]} {acct[12:16]} {acct[16:20]} {acct[20:]}"
        line = (
            f"P {slip.employee_id:<8} {name:<28} {slip.cost_centre:<6} "
            f"{slip.gross_cents / 100:>13,.2f} {deductions / 100:>13,.2f} {net / 100:>13,.2f} {iban:<27}"
        )
        lines.append(line.ljust(LINE_WIDTH))
    lines.append(trailer_line(run))
    return "\n".join(lines) + "\n"
