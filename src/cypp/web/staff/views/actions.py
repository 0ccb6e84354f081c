"""Actions and milestones: every action's status; owners update and mark milestones done."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cypp.plan.model import Action, ActionStatus, Priority
from cypp.web.staff.forms.workflow import ActionUpdateForm, MilestoneDoneForm, MilestoneForm
from cypp.web.staff.views.common import staff_view, user_of
from cypp.web.workspace import actions
from cypp.web.workspace.errors import FieldProblem, WorkspaceError
from cypp.web.workspace.plan_source import actions as plan_actions
from cypp.web.workspace.plan_source import current_plan, find_action
from cypp.web.workspace.roles import Do, may


def _priority(kwargs: dict[str, Any]) -> object:
    found = find_action(current_plan(), kwargs["action_id"])
    return found[0].id if found else None


def _action(action_id: str) -> tuple[Priority, Action]:
    found = find_action(current_plan(), action_id)
    if found is None:
        raise Http404(f"{action_id} is not an action of the plan")
    return found


@staff_view()
def index(request: HttpRequest) -> HttpResponse:
    rows = []
    for priority, action in plan_actions(current_plan()):
        update = actions.latest(action.id)
        rows.append((priority, action, update.status if update else action.status.value))
    return render(request, "staff/actions_index.html", {"rows": rows})


def _page(
    request: HttpRequest,
    action_id: str,
    status_form: ActionUpdateForm | None = None,
    milestone_form: MilestoneForm | None = None,
    status: int = 200,
) -> HttpResponse:
    priority, action = _action(action_id)
    owner = may(request.user, Do.UPDATE_ACTION, priority.id)
    update = actions.latest(action.id)
    current = update.status if update else action.status.value
    return render(
        request,
        "staff/action_detail.html",
        {
            "priority": priority,
            "action": action,
            "current": current,
            "history": actions.history(action.id),
            "milestones": actions.milestones(action),
            "owner": owner,
            "status_form": status_form or ActionUpdateForm(initial={"status": current}),
            "milestone_form": milestone_form or MilestoneForm(),
        },
        status=status,
    )


@staff_view()
def detail(request: HttpRequest, action_id: str) -> HttpResponse:
    return _page(request, action_id)


@staff_view(Do.UPDATE_ACTION, _priority, methods=("POST",))
def update(request: HttpRequest, action_id: str) -> HttpResponse:
    _action(action_id)
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        try:
            actions.update_status(
                user_of(request),
                action_id,
                ActionStatus(form.cleaned_data["status"]),
                form.cleaned_data["note"],
            )
        except FieldProblem as p:
            form.add_problem(p)
        else:
            messages.success(request, "The action's status is updated.")
            return redirect("staff:action", action_id=action_id)
    return _page(request, action_id, status_form=form)


@staff_view(Do.UPDATE_ACTION, _priority, methods=("POST",))
def add_milestone(request: HttpRequest, action_id: str) -> HttpResponse:
    _action(action_id)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            actions.add_milestone(
                user_of(request), action_id, form.cleaned_data["due"], form.cleaned_data["text"]
            )
        except FieldProblem as p:
            form.add_problem(p)
        else:
            messages.success(request, "The milestone is added.")
            return redirect("staff:action", action_id=action_id)
    return _page(request, action_id, milestone_form=form)


@staff_view(Do.UPDATE_ACTION, _priority, methods=("POST",))
def milestone_done(request: HttpRequest, action_id: str) -> HttpResponse:
    _action(action_id)
    form = MilestoneDoneForm(request.POST)
    if form.is_valid():
        try:
            actions.mark_done(user_of(request), action_id, form.cleaned_data["milestone"])
        except WorkspaceError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "The milestone is marked done.")
    else:
        messages.error(request, "Choose a milestone to mark done.")
    return redirect("staff:action", action_id=action_id)
