"""Reporting rounds: open one, see what it waits for, send reminders."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cypp.web.staff.forms.workflow import RoundForm
from cypp.web.staff.views.common import staff_view, user_of
from cypp.web.workspace import rounds
from cypp.web.workspace.errors import FieldProblem
from cypp.web.workspace.models import ReportingRound
from cypp.web.workspace.roles import Do, may


@staff_view()
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "staff/rounds_index.html",
        {
            "rounds": ReportingRound.objects.all(),
            "may_manage": may(request.user, Do.MANAGE_ROUNDS),
        },
    )


@staff_view(Do.MANAGE_ROUNDS)
def open_round(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            r = rounds.open_round(
                user_of(request), form.cleaned_data["period"], form.cleaned_data["deadline"]
            )
        except FieldProblem as p:
            form.add_problem(p)
        else:
            messages.success(request, f"The round for {r.period} is open.")
            return redirect("staff:round", pk=r.pk)
    return render(request, "staff/round_open.html", {"form": form})


@staff_view()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    r = get_object_or_404(ReportingRound, pk=pk)
    return render(
        request,
        "staff/round_detail.html",
        {
            "r": r,
            "tasks": rounds.outstanding(r) if r.state == "open" else [],
            "may_manage": may(request.user, Do.MANAGE_ROUNDS),
        },
    )


@staff_view(Do.MANAGE_ROUNDS, methods=("POST",))
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    r = get_object_or_404(ReportingRound, pk=pk)
    sent = [s for s in rounds.remind() if s.period == r.period]
    if sent:
        messages.success(request, f"Reminders sent to {', '.join(s.username for s in sent)}.")
    else:
        messages.info(
            request,
            "No reminders were sent: nobody with an email address owes anything, the deadline "
            "is more than 7 days away or has passed, or today's reminders have gone.",
        )
    return redirect("staff:round", pk=pk)
