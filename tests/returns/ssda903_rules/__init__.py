"""Tests of the DfE SSDA903 validation rules."""
