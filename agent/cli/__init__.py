"""The command line: one module per group of commands; ``app`` registers them and runs ``main``."""
