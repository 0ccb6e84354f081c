"""Hear by Right: agencies' self-assessments, the HBR figure, completing and reviewing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cypp.web.staff.forms.people import HbrForm
from cypp.web.staff.forms.workflow import ReviewForm
from cypp.web.staff.views.common import period_or_404, staff_view, user_of
from cypp.web.workspace import hbr
from cypp.web.workspace.errors import FieldProblem, WorkspaceError
from cypp.web.workspace.models import HbrAssessment, Level, Standard
from cypp.web.workspace.roles import Do, agency_of, may
from cypp.web.workspace.validation import check_period


def _agency(kwargs: dict[str, Any]) -> object:
    return kwargs["agency"]


def _subject(agency: str, period: str) -> tuple[str, str]:
    name = hbr.agency_name(agency)
    if name is None:
        raise Http404(f"{agency} is not a partner agency")
    label = period_or_404(
        lambda: check_period("period", period, hbr.period_type(), "Hear by Right")
    )
    return name, label


@staff_view()
def index(request: HttpRequest) -> HttpResponse:
    own = agency_of(request.user)
    visible = [(a, n) for a, n in hbr.agencies() if may(request.user, Do.VIEW_HBR, a)]
    names = dict(visible)
    rows = [
        (a, names[a.agency])
        for a in HbrAssessment.objects.filter(agency__in=names).order_by("-period", "agency")
    ]
    error, period = "", request.GET.get("period", "")
    if own and period:
        try:
            label = check_period("period", period, hbr.period_type(), "Hear by Right")
        except FieldProblem as p:
            error = str(p)
        else:
            return redirect("staff:hbr-assess", agency=own, period=label)
    return render(
        request,
        "staff/hbr_index.html",
        {
            "rows": rows,
            "figures": hbr.figures(),
            "agencies": visible,
            "own": own,
            "own_name": names.get(own or ""),
            "period": period,
            "start_error": error,
            "standards": Standard.choices,
        },
    )


@staff_view(Do.VIEW_HBR, _agency)
def detail(request: HttpRequest, agency: str, period: str) -> HttpResponse:
    name, label = _subject(agency, period)
    a = hbr.find(agency, label)
    return render(
        request,
        "staff/hbr_detail.html",
        {
            "name": name,
            "agency": agency,
            "period": label,
            "a": a,
            "ratings": _ratings(a),
            "attained": hbr.attained(a) if a else False,
            "may_assess": may(request.user, Do.ASSESS_HBR, agency),
            "may_review": may(request.user, Do.REVIEW),
        },
    )


def _ratings(a: HbrAssessment | None) -> list[tuple[str, str, str]]:
    levels = dict(Level.choices)
    found = hbr.ratings_of(a)
    return [
        (s.label, levels.get(found[s.value].level, "Not rated"), found[s.value].evidence)
        for s in Standard
    ]


@staff_view(Do.ASSESS_HBR, _agency)
def assess(request: HttpRequest, agency: str, period: str) -> HttpResponse:
    name, label = _subject(agency, period)
    a = hbr.find(agency, label)
    editable = a is None or a.state in hbr.EDITABLE
    if request.method == "POST" and editable:
        form = HbrForm(request.POST)
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                hbr.save(user_of(request), agency, label, form.ratings(), submit=submit)
            except FieldProblem as p:
                form.add_problem(p)
            except WorkspaceError as e:
                form.add_error(None, str(e))
            else:
                done = "submitted for approval" if submit else "saved as a draft"
                messages.success(request, f"The self-assessment for {label} is {done}.")
                return redirect("staff:hbr-detail", agency=agency, period=label)
    else:
        initial: dict[str, str] = {}
        for key, r in hbr.ratings_of(a).items():
            initial[f"{key}-level"], initial[f"{key}-evidence"] = r.level, r.evidence
        form = HbrForm(initial=initial)
    return render(
        request,
        "staff/hbr_assess.html",
        {
            "form": form,
            "name": name,
            "agency": agency,
            "period": label,
            "a": a,
            "editable": editable,
        },
    )


@staff_view(Do.REVIEW)
def review(request: HttpRequest, agency: str, period: str) -> HttpResponse:
    name, label = _subject(agency, period)
    a = hbr.find(agency, label)
    if a is None:
        raise Http404(f"{name} has no self-assessment for {label}")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                hbr.approve(user_of(request), a)
            else:
                hbr.return_(user_of(request), a, form.cleaned_data["reason"])
        except FieldProblem as p:
            form.add_problem(p)
        except WorkspaceError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"The self-assessment of {name} for {label} is reviewed.")
            return redirect("staff:hbr-detail", agency=agency, period=label)
    return render(
        request,
        "staff/hbr_review.html",
        {
            "form": form,
            "name": name,
            "agency": agency,
            "period": label,
            "a": a,
            "ratings": _ratings(a),
        },
    )
