"""Staff workspace fixtures: the seed plan, one account per role, sample work to walk over."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cypp.web.workspace import commentary, hbr, rounds, users, voice
from cypp.web.workspace.hbr import Rating
from cypp.web.workspace.models import Role, Standard
from tests.conftest import SEED_PLAN

PASSWORD = "correct-horse-battery-staple-42"
LEAD_PRIORITY = "emotional-health"  # measures NI050, NI115, NI112
OTHER_PRIORITY = "raising-attainment"
AGENCY = "childrens-centres"
OTHER_AGENCY = "extended-services"


@pytest.fixture(autouse=True)
def _seed_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CYPP_PLAN", str(SEED_PLAN))


MakeUser = Callable[..., User]


@pytest.fixture
def make_user(db: None) -> MakeUser:
    def make(
        username: str,
        role: Role,
        priorities: tuple[str, ...] = (),
        agency: str = "",
        email: str = "",
    ) -> User:
        user = users.add_user(
            username, role, PASSWORD, priorities=priorities, agency=agency, email=email
        )
        assert isinstance(user, User)
        return user

    return make


@pytest.fixture
def staff(make_user: MakeUser) -> dict[str, User]:
    """One account per role, plus a lead and a partner who own something else."""
    return {
        "administrator": make_user("ada", Role.ADMINISTRATOR),
        "analyst": make_user("anna", Role.ANALYST, email="anna@example.org"),
        "lead": make_user("leo", Role.LEAD, (LEAD_PRIORITY,), email="leo@example.org"),
        "lead (other)": make_user("lena", Role.LEAD, (OTHER_PRIORITY,)),
        "partner": make_user("pat", Role.PARTNER, agency=AGENCY, email="pat@example.org"),
        "partner (other)": make_user("paul", Role.PARTNER, agency=OTHER_AGENCY),
        "viewer": make_user("vic", Role.VIEWER),
    }


def all_ratings(level: str = "established") -> dict[str, Rating]:
    return {s.value: Rating(level, f"evidence for {s.label}") for s in Standard}


@pytest.fixture
def sample(staff: dict[str, User]) -> dict[str, object]:
    """Work in progress that the pages show: submitted commentary and self-assessment, a
    draft consultation record and an open round."""
    lead, partner, analyst = staff["lead"], staff["partner"], staff["analyst"]
    commentary.write(
        lead, "NI050", "2008/09", commentary.Text("Fewer pupils report worries."), submit=True
    )
    hbr.save(partner, AGENCY, "2009-10", all_ratings(), submit=True)
    record = voice.Record(
        "Youth forum on wellbeing",
        "More quiet spaces at school.",
        "Two schools opened quiet rooms.",
        date(2009, 11, 20),
        24,
        "11 to 15",
        (LEAD_PRIORITY,),
    )
    v = voice.save(lead, record)
    r = rounds.open_round(analyst, "2009-10", date.today() + timedelta(days=3))
    return {"voice": v.pk, "round": r.pk}


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client
