"""Evaluation of profile-insights: the cases and scenarios, the runner, the scorers, benchmarks."""
