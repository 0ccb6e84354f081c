"""Young people's voice: consultation records, recorded by leads and analysts, approved by analysts."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cypp.web.staff.forms.people import ConsultationForm
from cypp.web.staff.views.common import forbidden, staff_view, user_of
from cypp.web.workspace import voice
from cypp.web.workspace.errors import FieldProblem, WorkspaceError
from cypp.web.workspace.models import Consultation, Role
from cypp.web.workspace.plan_source import current_plan
from cypp.web.workspace.roles import Do, lead_priorities, may, role_of


def _choices(request: HttpRequest) -> list[tuple[str, str]]:
    """The priorities this user may link a record to: a lead's own, or all for an analyst."""
    mine = lead_priorities(request.user)
    everyone = role_of(request.user) is Role.ANALYST
    return [(p.id, p.title) for p in current_plan().priorities if everyone or p.id in mine]


@staff_view()
def index(request: HttpRequest) -> HttpResponse:
    titles = {p.id: p.title for p in current_plan().priorities}
    rows = [(c, [titles.get(p, p) for p in c.priorities]) for c in Consultation.objects.all()]
    return render(
        request,
        "staff/voice_index.html",
        {"rows": rows, "may_record": may(request.user, Do.RECORD_VOICE)},
    )


def _form_page(request: HttpRequest, existing: Consultation | None) -> HttpResponse:
    initial = {}
    if existing is not None:
        initial = {
            "title": existing.title,
            "you_said": existing.you_said,
            "we_did": existing.we_did,
            "consulted_on": existing.consulted_on,
            "number_consulted": existing.number_consulted,
            "age_group": existing.age_group,
            "priorities": existing.priorities,
        }
    form = ConsultationForm(request.POST or None, initial=initial, priorities=_choices(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        r = voice.Record(
            d["title"],
            d["you_said"],
            d["we_did"],
            d["consulted_on"],
            d["number_consulted"],
            d["age_group"],
            tuple(d["priorities"]),
        )
        try:
            c = voice.save(user_of(request), r, existing)
        except FieldProblem as p:
            form.add_problem(p)
        except WorkspaceError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"The record {c.title!r} is saved as a draft.")
            return redirect("staff:voice-detail", pk=c.pk)
    return render(request, "staff/voice_form.html", {"form": form, "existing": existing})


@staff_view(Do.RECORD_VOICE)
def new(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@staff_view()
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(Consultation, pk=pk)
    if not voice.may_edit(user_of(request), c):
        return forbidden(request, Do.RECORD_VOICE)
    return _form_page(request, c)


@staff_view()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(Consultation, pk=pk)
    titles = {p.id: p.title for p in current_plan().priorities}
    return render(
        request,
        "staff/voice_detail.html",
        {
            "c": c,
            "priorities": [titles.get(p, p) for p in c.priorities],
            "may_edit": voice.may_edit(user_of(request), c),
            "may_approve": may(request.user, Do.REVIEW) and c.state == "draft",
        },
    )


@staff_view(Do.REVIEW, methods=("POST",))
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(Consultation, pk=pk)
    try:
        voice.approve(user_of(request), c)
    except WorkspaceError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"The record {c.title!r} is approved and will be shown publicly.")
    return redirect("staff:voice-detail", pk=pk)
