"""``cypp staff``: add users with their role, list them, add agencies, send reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from typer.testing import CliRunner

from cypp.cli.staff_commands import app
from cypp.web.workspace import rounds
from cypp.web.workspace.errors import WorkspaceError
from cypp.web.workspace.models import AuditEntry, PartnerAgency, StaffProfile
from tests.web.staff.conftest import PASSWORD

runner = CliRunner()


@pytest.mark.django_db
def test_add_a_lead_with_the_password_on_stdin() -> None:
    result = runner.invoke(
        app,
        [
            "add-user",
            "leo",
            "--role",
            "lead",
            "--priority",
            "emotional-health",
            "--priority",
            "active-involvement",
            "--email",
            "leo@example.org",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "added leo (Priority lead)" in result.output
    user = User.objects.get(username="leo")
    assert user.check_password(PASSWORD) and user.email == "leo@example.org"
    profile = StaffProfile.objects.get(user=user)
    assert (profile.role, profile.priorities) == (
        "lead",
        ["emotional-health", "active-involvement"],
    )
    assert list(user.groups.values_list("name", flat=True)) == ["Priority lead"]
    entry = AuditEntry.objects.get(action="add user")
    assert entry.username == "" and entry.after is not None and entry.after["role"] == "lead"

    listed = runner.invoke(app, ["list"])
    assert "leo" in listed.output and "Priority lead" in listed.output
    assert "emotional-health, active-involvement" in listed.output


@pytest.mark.django_db
def test_the_password_prompt_asks_twice() -> None:
    result = runner.invoke(
        app, ["add-user", "vic", "--role", "viewer"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert User.objects.get(username="vic").check_password(PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (
            ["--role", "boss"],
            PASSWORD,
            "role 'boss' is not one of administrator, analyst, lead, partner, viewer",
        ),
        (
            ["--role", "lead"],
            PASSWORD,
            "a priority lead needs at least one --priority; the plan's are: emotional-health",
        ),
        (
            ["--role", "lead", "--priority", "nope"],
            PASSWORD,
            "--priority 'nope' is not a priority of the plan",
        ),
        (
            ["--role", "partner", "--agency", "nope"],
            PASSWORD,
            "--agency 'nope' is not a partner agency; choose from leicestershire-county-council",
        ),
        (
            ["--role", "viewer", "--agency", "childrens-centres"],
            PASSWORD,
            "only a partner-agency user has an agency",
        ),
        (
            ["--role", "viewer"],
            "short",
            "the password is refused: This password is too short. It must contain at least 12 characters.",
        ),
    ],
)
def test_mistakes_are_refused(args: list[str], password: str, message: str) -> None:
    result = runner.invoke(app, ["add-user", "x", *args, "--password-stdin"], input=password + "\n")
    assert isinstance(result.exception, WorkspaceError)
    assert message in str(result.exception)
    assert not User.objects.exists()


@pytest.mark.django_db
def test_add_an_agency_then_a_user_of_it() -> None:
    assert runner.invoke(app, ["add-agency", "youth-service", "Youth Service"]).exit_code == 0
    assert PartnerAgency.objects.get().name == "Youth Service"
    again = runner.invoke(app, ["add-agency", "youth-service", "Youth Service"])
    assert "there is already a partner agency 'youth-service'" in str(again.exception)
    ok = runner.invoke(
        app,
        ["add-user", "yan", "--role", "partner", "--agency", "youth-service", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert ok.exit_code == 0, ok.output


def test_remind_sends_the_emails(staff: dict[str, User]) -> None:
    rounds.open_round(staff["analyst"], "2009-10", date.today() + timedelta(days=2))
    result = runner.invoke(app, ["remind"])
    assert result.exit_code == 0, result.output
    # leo (3 commentaries), pat (the self-assessment), anna (3 values); the others have no email
    assert "3 reminder(s) sent" in result.output
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@example.org",
        "leo@example.org",
        "pat@example.org",
    ]
    assert "0 reminder(s) sent" in runner.invoke(app, ["remind"]).output
