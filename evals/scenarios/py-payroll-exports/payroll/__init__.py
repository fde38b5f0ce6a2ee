"""payroll-exports: the bank and accounting export files of payroll runs."""
