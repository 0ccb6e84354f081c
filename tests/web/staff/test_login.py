"""Signing in and out, and the throttle: 5 failures in 15 minutes for a username or an
address lock it for 15 minutes, even against the right password."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from cypp.web.workspace import throttle
from cypp.web.workspace.models import LoginFailure
from tests.web.staff.conftest import PASSWORD

LOGIN = "/staff/login/"


def attempt(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> int:
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip
    ).status_code


def test_sign_in_and_out(client: Client, staff: dict[str, User]) -> None:
    assert client.get(LOGIN).status_code == 200
    response = client.post(
        LOGIN + "?next=/staff/values/",
        {"username": "leo", "password": PASSWORD, "next": "/staff/values/"},
    )
    assert response.status_code == 302 and response["Location"] == "/staff/values/"
    assert client.get("/staff/").status_code == 200
    assert client.post("/staff/logout/").status_code == 302
    assert client.get("/staff/")["Location"] == "/staff/login/?next=/staff/"


def test_a_wrong_password_says_so(client: Client, staff: dict[str, User]) -> None:
    response = client.post(LOGIN, {"username": "leo", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert LoginFailure.objects.count() == 1


def test_five_failures_lock_the_username_even_against_the_right_password(
    client: Client, staff: dict[str, User]
) -> None:
    for i in range(5):
        assert attempt(client, "leo", "wrong", ip=f"10.0.0.{i}") == 200
    response = client.post(LOGIN, {"username": "LEO", "password": PASSWORD}, REMOTE_ADDR="10.0.1.1")
    assert response.status_code == 429
    text = response.content.decode()
    assert (
        "Sign-in is paused for this username or from this address after 5 failed attempts in 15 minutes."
        in text
    )
    assert "_auth_user_id" not in client.session
    assert LoginFailure.objects.count() == 5  # refused attempts are not counted
    # other people sign in as usual
    assert attempt(client, "anna", PASSWORD, ip="10.0.2.1") == 302


def test_five_failures_from_one_address_lock_it(client: Client, staff: dict[str, User]) -> None:
    for name in ("a", "b", "c", "d", "e"):
        attempt(client, name, "wrong", ip="192.0.2.7")
    assert attempt(client, "leo", PASSWORD, ip="192.0.2.7") == 429
    assert attempt(client, "leo", PASSWORD, ip="192.0.2.8") == 302


def test_the_lock_lasts_fifteen_minutes(client: Client, staff: dict[str, User]) -> None:
    now = timezone.now()
    for minutes in (20, 19, 18, 17, 16):  # the fifth failure 16 minutes ago: lock over
        LoginFailure.objects.create(
            username="leo", ip="10.0.0.1", at=now - timedelta(minutes=minutes)
        )
    assert throttle.locked_until("leo", "10.0.0.1", now) is None
    assert attempt(client, "leo", PASSWORD) == 302

    LoginFailure.objects.all().delete()
    for minutes in (14, 13, 12, 11, 10):  # the fifth 10 minutes ago: 5 minutes to go
        LoginFailure.objects.create(
            username="leo", ip="10.0.0.1", at=now - timedelta(minutes=minutes)
        )
    assert throttle.locked_until("leo", "", now) == now - timedelta(minutes=10) + timedelta(
        minutes=15
    )


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(staff: dict[str, User]) -> None:
    now = timezone.now()
    for minutes in (25, 12, 9, 5, 1):  # only four in any 15 minutes
        LoginFailure.objects.create(
            username="leo", ip="10.0.0.1", at=now - timedelta(minutes=minutes)
        )
    assert throttle.locked_until("leo", "10.0.0.1", now) is None


def test_a_successful_sign_in_clears_the_usernames_failures(
    client: Client, staff: dict[str, User]
) -> None:
    for _ in range(4):
        attempt(client, "leo", "wrong")
    assert attempt(client, "leo", PASSWORD) == 302
    assert not LoginFailure.objects.filter(username="leo").exists()


def test_old_failures_are_pruned(staff: dict[str, User]) -> None:
    now = timezone.now()
    LoginFailure.objects.create(username="leo", ip="x", at=now - timedelta(minutes=31))
    LoginFailure.objects.create(username="leo", ip="x", at=now - timedelta(minutes=29))
    assert throttle.prune(now) == 1 and LoginFailure.objects.count() == 1
