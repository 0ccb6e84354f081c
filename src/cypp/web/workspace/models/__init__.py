"""The workspace's tables, one module per concept."""

from cypp.web.workspace.models.actions import ActionMilestone, ActionStatusUpdate
from cypp.web.workspace.models.audit import AuditEntry, AuditImmutable
from cypp.web.workspace.models.commentary import Commentary, CommentaryEvent, State
from cypp.web.workspace.models.hbr import HbrAssessment, HbrRating, Level, Standard
from cypp.web.workspace.models.people import LoginFailure, PartnerAgency, Role, StaffProfile
from cypp.web.workspace.models.rounds import ReminderSent, ReportingRound, RoundState
from cypp.web.workspace.models.values import EstablishedMeasure, ReportedValue
from cypp.web.workspace.models.voice import AgeGroup, Consultation

__all__ = [
    "ActionMilestone",
    "ActionStatusUpdate",
    "AgeGroup",
    "AuditEntry",
    "AuditImmutable",
    "Commentary",
    "CommentaryEvent",
    "Consultation",
    "EstablishedMeasure",
    "HbrAssessment",
    "HbrRating",
    "Level",
    "LoginFailure",
    "PartnerAgency",
    "ReminderSent",
    "ReportedValue",
    "ReportingRound",
    "Role",
    "RoundState",
    "StaffProfile",
    "Standard",
    "State",
]
