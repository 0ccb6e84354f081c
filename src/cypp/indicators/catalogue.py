"""Imports every module of definitions so that each registers itself."""

from __future__ import annotations

from cypp.indicators import absence, care, education, progress, survey, young_people  # noqa: F401
