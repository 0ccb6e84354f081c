"""Judging progress: pure functions over values, targets and benchmarks (no I/O, no clock)."""
