"""What every staff page shares: sign-in required, the permission check, the 403 page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cypp.web.workspace.errors import WorkspaceError
from cypp.web.workspace.roles import Do, may

View = Callable[..., HttpResponse]


def staff_view(
    do: Do = Do.VIEW,
    obj: Callable[[dict[str, Any]], object] | None = None,
    methods: tuple[str, ...] = ("GET", "POST"),
) -> Callable[[View], View]:
    """Sign-in required (else a redirect to the sign-in page), then ``may(user, do, obj)``
    (else 403). ``obj`` picks the object out of the URL's arguments."""

    def wrap(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            subject = obj(kwargs) if obj is not None else None
            if not may(request.user, do, subject):
                return forbidden(request, do)
            return view(request, *args, **kwargs)

        return login_required(require_http_methods(list(methods))(checked))

    return wrap


def forbidden(request: HttpRequest, do: Do) -> HttpResponse:
    return render(request, "staff/forbidden.html", {"do": do.value}, status=403)


def period_or_404(check: Callable[[], str]) -> str:
    """A subject and period from the URL that the rules accept, or 404 with the rule's words."""
    try:
        return check()
    except WorkspaceError as p:
        raise Http404(str(p)) from None


def user_of(request: HttpRequest) -> User:
    """The signed-in user (every staff view has required sign-in before it runs)."""
    assert isinstance(request.user, User)
    return request.user
