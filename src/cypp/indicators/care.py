"""Children in care indicators, from the SSDA903 return."""

from __future__ import annotations
