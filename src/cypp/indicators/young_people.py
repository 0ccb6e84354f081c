"""Young people's indicators: NEET from NCCIS and the pupil survey measures."""

from __future__ import annotations
