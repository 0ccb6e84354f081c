"""Who works in the workspace: a role per staff account, partner agencies, failed sign-ins."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """The five roles; what each may do is decided in ``workspace.roles`` only."""

    ADMINISTRATOR = "administrator", "Administrator"
    ANALYST = "analyst", "Performance analyst"
    LEAD = "lead", "Priority lead"
    PARTNER = "partner", "Partner-agency user"
    VIEWER = "viewer", "Viewer"


class StaffProfile(models.Model):
    """A staff account's role, the plan priorities a lead owns, a partner user's agency."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    priorities = models.JSONField(default=list, blank=True)  # plan priority ids (leads)
    agency = models.CharField(max_length=100, blank=True)  # plan partner id (partner users)

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class PartnerAgency(models.Model):
    """A partner agency of the Children's Trust that the plan itself does not name.

    The plan lists the partners it mentions; the Trust adds the rest here, so that Hear by
    Right's "all partner agencies" counts every one of them."""

    partner_id = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class LoginFailure(models.Model):
    """One failed sign-in, kept for throttling (see ``workspace.throttle``)."""

    username = models.CharField(max_length=150, db_index=True)  # lower case
    ip = models.CharField(max_length=45, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.ip} at {self.at:%Y-%m-%d %H:%M:%S}"
