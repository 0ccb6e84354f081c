"""Synthetic county and nation, written in the real return formats."""
