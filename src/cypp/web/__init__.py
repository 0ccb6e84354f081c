"""The web application: public dashboard, staff workspace and read-only API (Django).

Apps, one concept each:
- ``published``: what ``cypp publish`` copies out of the warehouse — aggregates only;
- ``workspace``: what staff add — reported values, commentary, actions, self-assessments,
  young people's voice, reporting rounds, roles and the audit log;
- ``public``: the public site (no login); ``staff``: the workspace's pages under /staff/;
- ``api``: read-only JSON for everything public, with its OpenAPI document.
"""

from __future__ import annotations

import os


def setup(mode: str | None = None) -> None:
    """Configure Django for cypp (``development``, ``production`` or ``test``) and set it up."""
    import django

    if mode is not None:
        os.environ["CYPP_WEB_MODE"] = mode
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cypp.web.settings")
    django.setup()
