"""SSDA903, the DfE children-looked-after return: canonical tables from its CSVs or XML."""

from cypp.returns.ssda903.fake import fake_data_dir
from cypp.returns.ssda903.reader import SSDA903, read_ssda903
from cypp.returns.ssda903.tables import SSDA903_TABLES

__all__ = ["SSDA903", "SSDA903_TABLES", "fake_data_dir", "read_ssda903"]
