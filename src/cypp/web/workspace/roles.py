"""Who may do what: the one place the workspace's permission rules live.

Every view and service asks ``may(user, Do.X, obj)``. Roles come from the user's
``StaffProfile``; a signed-in account without one may do nothing but sign out. Django groups
of the same names mirror the roles (for listing and for the admin's eye) but decide nothing.

| action | administrator | analyst | priority lead | partner-agency user | viewer |
|---|---|---|---|---|---|
| read the workspace | yes | yes | yes | yes | yes |
| enter values, establish measures | | yes | | | |
| approve or return submissions | | yes | | | |
| open rounds, send reminders | | yes | | | |
| write commentary (obj: indicator code) | | | of their priorities | | |
| update actions (obj: priority id) | | | of their priorities | | |
| record consultations (obj: priority ids) | | yes | of their priorities | | |
| complete Hear by Right (obj: agency id) | | | | their agency | |
| see an agency's Hear by Right (obj: agency id) | yes | yes | yes | their agency | yes |
| read the audit log, list staff | yes | | | | |
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User

from cypp.web.workspace.models import Role, StaffProfile
from cypp.web.workspace.plan_source import current_plan, priority_ids_of

AnyUser = User | AnonymousUser


class Do(StrEnum):
    VIEW = "read the workspace"
    ENTER_VALUES = "enter values and establish measures"
    REVIEW = "approve or return submissions"
    MANAGE_ROUNDS = "open reporting rounds and send reminders"
    WRITE_COMMENTARY = "write commentary"
    UPDATE_ACTION = "update actions and milestones"
    RECORD_VOICE = "record consultations with young people"
    ASSESS_HBR = "complete a Hear by Right self-assessment"
    VIEW_HBR = "see a Hear by Right self-assessment"
    VIEW_AUDIT = "read the audit log"
    MANAGE_USERS = "list staff accounts"


_ANALYST_ONLY = {Do.ENTER_VALUES, Do.REVIEW, Do.MANAGE_ROUNDS}
_ADMIN_ONLY = {Do.VIEW_AUDIT, Do.MANAGE_USERS}


def profile_of(user: AnyUser | None) -> StaffProfile | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        return StaffProfile.objects.get(user_id=user.pk)
    except StaffProfile.DoesNotExist:
        return None


def role_of(user: AnyUser | None) -> Role | None:
    profile = profile_of(user)
    return Role(profile.role) if profile else None


def lead_priorities(user: AnyUser | None) -> frozenset[str]:
    """The plan priorities ``user`` leads (empty unless a priority lead)."""
    profile = profile_of(user)
    if profile is None or profile.role != Role.LEAD:
        return frozenset()
    return frozenset(str(p) for p in profile.priorities)


def agency_of(user: AnyUser | None) -> str | None:
    """The partner agency of a partner-agency user."""
    profile = profile_of(user)
    if profile is None or profile.role != Role.PARTNER or not profile.agency:
        return None
    return profile.agency


def may(user: AnyUser | None, do: Do, obj: object = None) -> bool:
    """May ``user`` do ``do`` (to ``obj``, where the action concerns one object)?

    With ``obj`` None, the question is whether the user may do it to anything at all (used
    to show or hide a page's form)."""
    profile = profile_of(user)
    if profile is None:
        return False
    role = Role(profile.role)
    if do is Do.VIEW:
        return True
    if do in _ANALYST_ONLY:
        return role is Role.ANALYST
    if do in _ADMIN_ONLY:
        return role is Role.ADMINISTRATOR
    owned = frozenset(str(p) for p in profile.priorities) if role is Role.LEAD else frozenset()
    match do:
        case Do.WRITE_COMMENTARY:
            if role is not Role.LEAD:
                return False
            return bool(owned) if obj is None else bool(owned & _indicator_priorities(obj))
        case Do.UPDATE_ACTION:
            return role is Role.LEAD and (bool(owned) if obj is None else str(obj) in owned)
        case Do.RECORD_VOICE:
            if role is Role.ANALYST:
                return True
            if role is not Role.LEAD or not owned:
                return False
            return obj is None or _priority_set(obj) <= owned
        case Do.ASSESS_HBR:
            return (
                role is Role.PARTNER
                and bool(profile.agency)
                and (obj is None or str(obj) == profile.agency)
            )
        case Do.VIEW_HBR:
            if role is Role.PARTNER:
                return obj is not None and str(obj) == profile.agency
            return True
    return False  # pragma: no cover - every Do is handled above


def _indicator_priorities(code: object) -> set[str]:
    return priority_ids_of(current_plan(), str(code))


def _priority_set(obj: object) -> frozenset[str]:
    if isinstance(obj, str):
        return frozenset({obj})
    if isinstance(obj, Iterable):
        return frozenset(str(p) for p in obj)
    return frozenset({str(obj)})
