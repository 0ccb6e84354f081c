"""Settings for the test suite (pytest-django): the test mode of ``cypp.web.settings``."""

from __future__ import annotations

import os

os.environ["CYPP_WEB_MODE"] = "test"

from cypp.web.settings import *  # noqa: F403

CYPP_API_RATE_LIMIT = 0  # the API tests turn the limit on where they test it
