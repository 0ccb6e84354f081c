"""Adding a partner agency the plan does not name (``cypp staff add-agency``)."""

from __future__ import annotations

import re

from django.db import transaction

from cypp.web.workspace import hbr
from cypp.web.workspace.audit import record, snapshot
from cypp.web.workspace.errors import WorkspaceError
from cypp.web.workspace.models import PartnerAgency

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def add_agency(partner_id: str, name: str) -> PartnerAgency:
    if not ID.match(partner_id):
        raise WorkspaceError(
            f"agency id {partner_id!r} is not lower case letters, digits and hyphens; "
            "use an id such as 'youth-service'"
        )
    if not name.strip():
        raise WorkspaceError("the agency needs a name")
    if hbr.agency_name(partner_id) is not None:
        raise WorkspaceError(f"there is already a partner agency {partner_id!r}")
    with transaction.atomic():
        a = PartnerAgency.objects.create(partner_id=partner_id, name=name.strip())
        record(None, "add partner agency", "partner agency", partner_id, None, snapshot(a))
    return a
