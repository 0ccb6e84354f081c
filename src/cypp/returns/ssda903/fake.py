"""Where the vendored fake SSDA903 return lives (for demos, tests and trying cypp out)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def fake_data_dir() -> Path:
    """The folder of fake SSDA903 CSVs shipped with cypp (``xml/fake_903.xml`` beside them).

    The CSVs and the XML are two different fake returns (no child in common); see the
    folder's README.md.
    """
    return Path(str(files("cypp").joinpath("data", "ssda903_fake")))
