"""Returns: readers for record-level submissions, each producing canonical Arrow tables.

A reader parses and validates; it never stores. Blocking problems raise ``ReturnError``
naming the file, line, column, value, rule and fix; data-quality findings are returned
beside the tables so the warehouse can keep them with the batch.
"""

from cypp.returns.attainment import read_attainment
from cypp.returns.census import read_census
from cypp.returns.nccis import read_nccis
from cypp.returns.result import ReturnRead, SourceFile
from cypp.returns.ssda903 import read_ssda903
from cypp.returns.survey import read_survey

__all__ = [
    "ReturnRead",
    "SourceFile",
    "read_attainment",
    "read_census",
    "read_nccis",
    "read_ssda903",
    "read_survey",
]
