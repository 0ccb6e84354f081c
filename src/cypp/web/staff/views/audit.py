"""For administrators: the audit log and the staff accounts."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cypp.web.staff.views.common import staff_view
from cypp.web.workspace import users
from cypp.web.workspace.models import AuditEntry
from cypp.web.workspace.roles import Do

PAGE = 50


@staff_view(Do.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.all()
    kind = request.GET.get("type", "")
    if kind:
        entries = entries.filter(obj_type=kind)
    page = Paginator(entries, PAGE).get_page(request.GET.get("page"))
    rows = [(e, _pretty(e.before), _pretty(e.after)) for e in page.object_list]
    kinds = AuditEntry.objects.order_by("obj_type").values_list("obj_type", flat=True).distinct()
    return render(
        request,
        "staff/audit.html",
        {"page": page, "rows": rows, "kind": kind, "kinds": list(kinds)},
    )


def _pretty(data: object) -> str:
    return "" if data is None else json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)


@staff_view(Do.MANAGE_USERS)
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/users.html", {"staff": users.staff()})
