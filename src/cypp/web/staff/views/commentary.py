"""Commentary: the list, one piece with its history, writing it (leads), reviewing (analysts)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cypp.web.staff.forms.workflow import CommentaryForm, ReviewForm
from cypp.web.staff.views.common import period_or_404, staff_view, user_of
from cypp.web.workspace import commentary
from cypp.web.workspace.errors import FieldProblem, WorkspaceError
from cypp.web.workspace.models import Commentary
from cypp.web.workspace.plan_source import commentable_indicators, current_plan, find_indicator
from cypp.web.workspace.roles import Do, lead_priorities, may


def _code(kwargs: dict[str, Any]) -> object:
    return kwargs["code"]


def _subject(code: str, period: str) -> tuple[str, str]:
    ind = find_indicator(current_plan(), code)
    if ind is None:
        raise Http404(f"{code} is not an indicator of the plan")
    label = period_or_404(lambda: commentary.check_subject(code, period))
    return ind.display, label


@staff_view()
def index(request: HttpRequest) -> HttpResponse:
    plan = current_plan()
    mine = lead_priorities(request.user)
    writable = [
        i for i in commentable_indicators(plan) if {p.id for p in plan.priorities_of(i.code)} & mine
    ]
    error = ""
    code, period = request.GET.get("indicator", ""), request.GET.get("period", "")
    if code and writable:
        if code not in {i.code for i in writable}:
            error = f"Indicator: {code!r} is not one of your priorities' indicators. Choose one."
        else:
            try:
                label = commentary.check_subject(code, period)
            except FieldProblem as p:
                error = str(p)
            else:
                return redirect("staff:commentary-write", code=code, period=label)
    return render(
        request,
        "staff/commentary_index.html",
        {
            "rows": Commentary.objects.all().order_by("indicator", "-period"),
            "writable": writable,
            "start_error": error,
            "chosen": code,
            "period": period,
        },
    )


@staff_view()
def detail(request: HttpRequest, code: str, period: str) -> HttpResponse:
    display, label = _subject(code, period)
    c = commentary.find(code, label)
    return render(
        request,
        "staff/commentary_detail.html",
        {
            "display": display,
            "code": code,
            "period": label,
            "c": c,
            "events": c.events.all() if c else [],
            "may_write": may(request.user, Do.WRITE_COMMENTARY, code),
            "may_review": may(request.user, Do.REVIEW),
        },
    )


@staff_view(Do.WRITE_COMMENTARY, _code)
def write(request: HttpRequest, code: str, period: str) -> HttpResponse:
    display, label = _subject(code, period)
    c = commentary.find(code, label)
    editable = c is None or c.state in commentary.EDITABLE
    if request.method == "POST" and editable:
        form = CommentaryForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            text = commentary.Text(d["story"], d["partners"], d["what_works"], d["action_plan"])
            submit = request.POST.get("action") == "submit"
            try:
                commentary.write(user_of(request), code, label, text, submit=submit)
            except FieldProblem as p:
                form.add_problem(p)
            except WorkspaceError as e:
                form.add_error(None, str(e))
            else:
                done = "submitted for approval" if submit else "saved as a draft"
                messages.success(request, f"The commentary on {display} for {label} is {done}.")
                return redirect("staff:commentary", code=code, period=label)
    else:
        initial = (
            {
                "story": c.story,
                "partners": c.partners,
                "what_works": c.what_works,
                "action_plan": c.action_plan,
            }
            if c
            else {}
        )
        form = CommentaryForm(initial=initial)
    return render(
        request,
        "staff/commentary_write.html",
        {
            "form": form,
            "display": display,
            "code": code,
            "period": label,
            "c": c,
            "editable": editable,
        },
    )


@staff_view(Do.REVIEW)
def review(request: HttpRequest, code: str, period: str) -> HttpResponse:
    display, label = _subject(code, period)
    c = commentary.find(code, label)
    if c is None:
        raise Http404(f"there is no commentary on {code} for {label}")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                commentary.approve(user_of(request), c)
                messages.success(request, f"The commentary on {display} for {label} is approved.")
            else:
                commentary.return_(user_of(request), c, form.cleaned_data["reason"])
                messages.success(request, f"The commentary on {display} for {label} is returned.")
        except FieldProblem as p:
            form.add_problem(p)
        except WorkspaceError as e:
            form.add_error(None, str(e))
        else:
            return redirect(reverse("staff:commentary", args=[code, label]))
    return render(
        request,
        "staff/commentary_review.html",
        {"form": form, "display": display, "code": code, "period": label, "c": c},
    )
