"""Synthetic county and nation, written in the real return formats (see docs/synth.md).

``generate`` writes one council (``scale="county"``) or England's 150 (``"nation"``) as the
files ``cypp load`` reads: SSDA903 (CSV and XML), School Census, attainment, NCCIS, a pupil
survey and published under-18 conceptions. The same seed always writes the same bytes.
"""

from cypp.synth.defects import PlantedDefect
from cypp.synth.generate import CouncilSummary, SynthSummary, generate
from cypp.synth.years import DEFAULT_YEARS, SynthError, parse_years

__all__ = [
    "DEFAULT_YEARS",
    "CouncilSummary",
    "PlantedDefect",
    "SynthError",
    "SynthSummary",
    "generate",
    "parse_years",
]
