"""Staff accounts: create one with its role, list them (``cypp staff add-user`` / ``list``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from cypp.web.workspace import hbr
from cypp.web.workspace.audit import record, snapshot
from cypp.web.workspace.errors import WorkspaceError
from cypp.web.workspace.models import Role, StaffProfile
from cypp.web.workspace.plan_source import current_plan

# The Django group of each role (created by migration 0002).
GROUPS = {r.value: r.label for r in Role}


@dataclass(frozen=True)
class StaffLine:
    username: str
    email: str
    role: str
    priorities: tuple[str, ...]
    agency: str
    active: bool


def parse_role(text: str) -> Role:
    wanted = text.strip().lower()
    for r in Role:
        if wanted in (r.value, r.label.lower()):
            return r
    names = ", ".join(r.value for r in Role)
    raise WorkspaceError(f"role {text!r} is not one of {names}")


def add_user(
    username: str,
    role: Role,
    password: str,
    *,
    priorities: tuple[str, ...] = (),
    agency: str = "",
    email: str = "",
    by: User | None = None,
) -> User:
    """Create a staff account; a lead needs priorities, a partner user an agency."""
    plan = current_plan()
    known = [p.id for p in plan.priorities]
    if role is Role.LEAD and not priorities:
        raise WorkspaceError(
            f"a priority lead needs at least one --priority; the plan's are: {', '.join(known)}"
        )
    if role is not Role.LEAD and priorities:
        raise WorkspaceError("only a priority lead has priorities; leave out --priority")
    for p in priorities:
        if p not in known:
            raise WorkspaceError(
                f"--priority {p!r} is not a priority of the plan; choose from {', '.join(known)}"
            )
    agencies = [a for a, _ in hbr.agencies(plan)]
    if role is Role.PARTNER and agency not in agencies:
        raise WorkspaceError(
            f"--agency {agency!r} is not a partner agency; choose from {', '.join(agencies)}"
        )
    if role is not Role.PARTNER and agency:
        raise WorkspaceError("only a partner-agency user has an agency; leave out --agency")
    model = get_user_model()
    if model.objects.filter(username=username).exists():
        raise WorkspaceError(f"there is already a user {username!r}")
    candidate = model(username=username, email=email)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise WorkspaceError("the password is refused: " + " ".join(exc.messages)) from None
    with transaction.atomic():
        user = model.objects.create_user(username=username, email=email, password=password)
        profile = StaffProfile.objects.create(
            user=user, role=role.value, priorities=list(priorities), agency=agency
        )
        user.groups.add(Group.objects.get_or_create(name=GROUPS[role.value])[0])
        record(
            by, "add user", "staff account", username, None, snapshot(profile) | {"email": email}
        )
    return user


def staff() -> list[StaffLine]:
    lines = []
    for user in get_user_model().objects.order_by("username"):
        p = StaffProfile.objects.filter(user=user).first()
        lines.append(
            StaffLine(
                user.get_username(),
                user.email,
                p.get_role_display() if p else "(no role)",
                tuple(p.priorities) if p else (),
                p.agency if p else "",
                user.is_active,
            )
        )
    return lines
