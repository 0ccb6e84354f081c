"""Reported values and established measures."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cypp.periods import PeriodType
from cypp.plan.model import Unit
from cypp.web.staff.forms.values import EstablishForm, ValueForm
from cypp.web.staff.views.common import staff_view, user_of
from cypp.web.workspace import measures, values
from cypp.web.workspace.errors import FieldProblem
from cypp.web.workspace.models import EstablishedMeasure
from cypp.web.workspace.plan_source import current_plan, establishable_indicators
from cypp.web.workspace.roles import Do, may


@staff_view()
def index(request: HttpRequest) -> HttpResponse:
    rows = [(e, values.values_of(e.code)) for e in values.all_enterable()]
    return render(
        request,
        "staff/values_index.html",
        {"rows": rows, "may_enter": may(request.user, Do.ENTER_VALUES)},
    )


@staff_view(Do.ENTER_VALUES)
def enter(request: HttpRequest, code: str) -> HttpResponse:
    target = values.enterable(code)
    if target is None:
        raise Http404(f"{code} is not a reported indicator or an established measure")
    if request.method == "POST":
        form = ValueForm(request.POST, target=target)
        if form.is_valid():
            d = form.cleaned_data
            try:
                values.enter_value(
                    user_of(request),
                    code,
                    d["period"],
                    d["value"],
                    d["ci_low"],
                    d["ci_high"],
                    d["note"],
                )
            except FieldProblem as p:
                form.add_problem(p)
            else:
                messages.success(request, f"{target.label} for {d['period']} is saved.")
                return redirect("staff:values")
    else:
        form = ValueForm(target=target, initial={"period": request.GET.get("period", "")})
    return render(
        request,
        "staff/value_enter.html",
        {"form": form, "target": target, "existing": values.values_of(code)},
    )


@staff_view()
def measures_index(request: HttpRequest) -> HttpResponse:
    plan = current_plan()
    return render(
        request,
        "staff/measures_index.html",
        {
            "unestablished": establishable_indicators(plan),
            "measures": EstablishedMeasure.objects.all(),
            "may_establish": may(request.user, Do.ENTER_VALUES),
        },
    )


@staff_view(Do.ENTER_VALUES)
def establish(request: HttpRequest) -> HttpResponse:
    parents = [
        (i.code, f"{i.display}: {i.title}") for i in establishable_indicators(current_plan())
    ]
    form = EstablishForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        definition = measures.Definition(
            parent=d["parent"],
            code=d["code"],
            title=d["title"],
            source_note=d["source_note"],
            definition=d["definition"],
            unit=Unit(d["unit"]),
            polarity=form.polarity_value,
            period_type=PeriodType(d["period_type"]),
            baseline_period=d["baseline_period"],
            baseline_value=d["baseline_value"],
        )
        try:
            m = measures.establish(user_of(request), definition)
        except FieldProblem as p:
            form.add_problem(p)
        else:
            messages.success(request, f"{m.code} is established with its baseline.")
            return redirect("staff:measures")
    return render(request, "staff/measure_establish.html", {"form": form})
