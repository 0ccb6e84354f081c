"""What the workspace refuses, with messages a member of staff can act on."""

from __future__ import annotations

from cypp.errors import CyppError


class WorkspaceError(CyppError):
    """A request the workspace refuses (e.g. a workflow step from the wrong state)."""


class NotAllowed(WorkspaceError):
    """The user's role does not allow this (``workspace.roles`` decided)."""


class FieldProblem(WorkspaceError):
    """One entered field breaks a rule: the message names the field, the value, the rule and
    the fix; ``field`` is the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)
