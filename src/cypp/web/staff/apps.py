from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    name = "cypp.web.staff"
    label = "staff"
    default_auto_field = "django.db.models.BigAutoField"
