"""Every staff URL as every role, checked against the table in docs/workspace.md; every page
that renders is also checked for labels, heading order, table scopes and inline code."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern

from cypp.web.staff import urls as staff_urls
from tests.conftest import ROOT
from tests.web.staff.html_checks import problems

DOC = ROOT / "docs" / "workspace.md"
ROLE_COLUMNS = {
    "administrator": "administrator",
    "analyst": "analyst",
    "lead": "lead",
    "lead 2": "lead (other)",
    "partner": "partner",
    "partner 2": "partner (other)",
    "viewer": "viewer",
}


def permission_table(doc: Path = DOC) -> list[dict[str, str]]:
    """The rows of the table whose header starts "| URL name |"."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| URL name |"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True)))
    return rows


def test_the_table_lists_every_staff_url() -> None:
    named = {p.name for p in staff_urls.urlpatterns if isinstance(p, URLPattern)}
    assert {row["URL name"] for row in permission_table()} == named


@pytest.mark.django_db
def test_every_url_as_every_role(
    client: Client, staff: dict[str, User], sample: dict[str, object]
) -> None:
    wrong, ugly = [], []
    for row in permission_table():
        path = row["path"].format(**sample)
        for column in ["anonymous", *ROLE_COLUMNS]:
            client.logout()
            if column != "anonymous":
                client.force_login(staff[ROLE_COLUMNS[column]])
            send = client.post if row["method"] == "POST" else client.get
            response = send(path)
            expected = int(row[column])
            if response.status_code != expected:
                wrong.append(
                    f"{row['method']} {path} as {column}: {response.status_code}, expected {expected}"
                )
            if expected == 302 and column == "anonymous" and row["URL name"] != "logout":
                assert response["Location"].startswith("/staff/login/?next="), path
            if response.status_code in (200, 403) and "text/html" in response["Content-Type"]:
                found = problems(response.content.decode())
                if found:
                    ugly.append(f"{path} as {column}: {found}")
    assert not wrong, "\n".join(wrong)
    assert not ugly, "\n".join(ugly)


@pytest.mark.django_db
def test_a_signed_in_account_without_a_role_is_refused_everywhere(
    client: Client, sample: dict[str, object]
) -> None:
    nobody = User.objects.create_user("nobody", password="x")
    client.force_login(nobody)
    for row in permission_table():
        if row["URL name"] in ("login", "logout"):
            continue
        path = row["path"].format(**sample)
        send = client.post if row["method"] == "POST" else client.get
        assert send(path).status_code == 403, path


@pytest.mark.django_db
def test_get_on_a_post_only_url_is_refused(client: Client, staff: dict[str, User]) -> None:
    client.force_login(staff["lead"])
    assert client.get("/staff/actions/emotional-health-strategy/update/").status_code == 405
    assert client.get("/staff/logout/").status_code == 405


@pytest.mark.django_db
def test_csrf_is_enforced(staff: dict[str, User]) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff["analyst"])
    response = strict.post("/staff/values/NI056/enter/", {"period": "2008/09", "value": "20"})
    assert response.status_code == 403
    page = strict.get("/staff/values/NI056/enter/")
    token = page.cookies["csrftoken"].value
    ok = strict.post(
        "/staff/values/NI056/enter/",
        {"period": "2008/09", "value": "20", "csrfmiddlewaretoken": token},
    )
    assert ok.status_code == 302
