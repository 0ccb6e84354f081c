"""The error of a backup or restore that cannot be carried out: nothing was written."""

from __future__ import annotations

from cypp.errors import ProblemsError


class BackupError(ProblemsError):
    """A backup folder fails its checks (a checksum differs, the manifest is unreadable), or a
    target is not fit to restore into; every problem found is reported together."""
