"""The staff home page: what awaits the signed-in person in the open reporting rounds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cypp.web.staff.views.common import staff_view
from cypp.web.workspace import rounds
from cypp.web.workspace.models import ReportingRound, RoundState
from cypp.web.workspace.roles import Do, may, profile_of


@staff_view()
def home(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request.user)
    open_rounds = ReportingRound.objects.filter(state=RoundState.OPEN).order_by("deadline")
    return render(
        request,
        "staff/home.html",
        {
            "profile": profile,
            "tasks": rounds.awaiting(request.user),
            "open_rounds": open_rounds,
            "is_admin": may(request.user, Do.VIEW_AUDIT),
        },
    )
