"""A straightforward pandas reference implementation of the demo plan's indicators.

It reads the warehouse's ``current__`` views (DuckDB → Arrow → pandas) and computes the
same aggregates as cypp's engine — numerator, denominator (and the sum of squares of a
mean) by area, period, breakdown and group — so the benchmark can time cypp against what an
analyst would write, and cross-check every value (``crosscheck``).
"""
