from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    name = "cypp.web.published"
    label = "published"
    default_auto_field = "django.db.models.BigAutoField"
